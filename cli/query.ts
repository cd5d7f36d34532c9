import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DEFAULTS } from '../local/start.ts';

export interface QueryRequest {
  /** The API's base URL: the local stack's by default, or a deployed stack's ApiUrl output. */
  baseUrl: string;
  /** API path and query, e.g. `/articles?entity=Minsk`, percent-encoded (see apiPath). */
  path: string;
  /** Sign with SigV4 (the default for any host but this machine's). */
  sign: boolean;
  region?: string;
}

export function localApiUrl(): string {
  return `http://${DEFAULTS.host}:${process.env.LEDE_API_PORT || DEFAULTS.apiPort}`;
}

export function isLocal(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * GETs a path of the query API, signed for an IAM-authorized deployment with the user's usual AWS
 * credentials. The path goes out exactly as given: not through fetch, whose URL parser resolves
 * `.`, `..` and `%2e%2e` segments and would ask for another key.
 */
export async function queryApi(request: QueryRequest): Promise<{ status: number; body: string }> {
  const base = new URL(request.baseUrl);
  // The base may carry a stage path; the API path goes after it.
  const target = `${base.pathname.replace(/\/$/, '')}${request.path}`;
  const [path, query = ''] = splitOnce(target, '?');
  const headers: Record<string, string> = { host: base.host, accept: 'application/json' };
  if (request.sign) Object.assign(headers, await sigv4Headers(base, path, query, request.region ?? regionOf(base)));
  return get(base, target, headers);
}

function get(base: URL, target: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      // URL keeps IPv6 hosts in brackets; a socket address has none.
      { protocol: base.protocol, hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'), port: base.port, path: target, headers },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * SigV4 for execute-api signs the path as sent, each segment encoded once more (the signer's
 * uriEscapePath): `%2F` inside a key is signed as `%252F` and stays one segment, which is how an
 * AWS service canonicalizes the path it received. The signer also drops `.`, `..` and empty
 * segments before encoding; apiPath never sends one, so what is signed is what is sent.
 */
async function sigv4Headers(base: URL, path: string, rawQuery: string, region: string): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'execute-api', region, credentials: defaultProvider(), sha256: Sha256 });
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) query[name] = value;
  const signed = await signer.sign({
    method: 'GET',
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path,
    query,
    headers: { host: base.host },
  });
  return signed.headers as Record<string, string>;
}

/** API Gateway hosts name their region: `abc123.execute-api.eu-west-1.amazonaws.com`. */
function regionOf(url: URL): string {
  const fromHost = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];
  const region = fromHost ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Cannot tell the region: give --region, or set AWS_REGION.');
  return region;
}

/** The API path for a key or for a listing. */
export function apiPath(target: { key?: string; entity?: string; type?: string; limit?: string; cursor?: string }): string {
  if (target.key !== undefined) return `/articles/${encodeKeyForPath(target.key)}`;
  // encodeURIComponent, not URLSearchParams: a space must go out as %20, the form SigV4 signs
  // (`+` would reach API Gateway as a literal plus, and the signatures would differ).
  const query = (['entity', 'type', 'limit', 'cursor'] as const)
    .filter((name) => target[name] !== undefined)
    .map((name) => `${name}=${encodeURIComponent(target[name]!)}`)
    .join('&');
  return `/articles${query ? `?${query}` : ''}`;
}

/**
 * An S3 key as path text that no URL parser, proxy or signer rewrites. An ordinary key keeps its
 * slashes, each segment encoded as SigV4 encodes (everything but A-Z a-z 0-9 - _ . ~), so what is
 * sent is already canonical. A key with a `.`, `..` or empty segment (`a/../b`, `a//b`, `a/`) goes
 * as one segment, its slashes as `%2F`, which leaves no segment to resolve or collapse; a key that
 * is only `.` or `..` has its dots encoded, as even one segment of dots would be resolved.
 */
export function encodeKeyForPath(key: string): string {
  const segments = key.split('/');
  const resolvable = segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  return (resolvable ? [key] : segments).map(encodeSegment).join('/');
}

function encodeSegment(segment: string): string {
  const encoded = encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return encoded === '.' || encoded === '..' ? encoded.replaceAll('.', '%2E') : encoded;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}
