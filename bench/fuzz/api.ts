/** Reads the local stack's HTTP API without a URL parser in between, so that a `..` in a key reaches the server as sent. */
import { request } from 'node:http';

/**
 * `/articles/{key}` with each segment percent-encoded, dot segments too: `.` and `..` are
 * parts of an S3 key, never steps up, and `fetch` would resolve them before sending.
 */
export function articlePath(key: string): string {
  const segment = (s: string) => (s === '.' || s === '..' ? s.replaceAll('.', '%2E') : encodeURIComponent(s));
  return `/articles/${key.split('/').map(segment).join('/')}`;
}

export interface ApiAnswer {
  status: number;
  body: string;
}

/** GETs `path` (already encoded) from `baseUrl`, sending it byte for byte. */
export function getRaw(baseUrl: string, path: string, timeoutMs = 600_000): Promise<ApiAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer in ${Math.round(timeoutMs)} ms`), { name: 'NoAnswer' })));
    req.on('error', reject);
    req.end();
  });
}

/** The API's answer as JSON, or the text when it is not JSON. */
export function parseBody(answer: ApiAnswer): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    return answer.body;
  }
}
