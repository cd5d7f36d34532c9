import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULTS } from '../local/start.ts';

export interface QueryRequest {
  /** The API's base URL: the local stack's by default, or a deployed stack's ApiUrl output. */
  baseUrl: string;
  /** API path and query, e.g. `/articles?entity=Minsk`. */
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

/** GETs a path of the query API, signed for an IAM-authorized deployment with the user's usual AWS credentials. */
export async function queryApi(request: QueryRequest): Promise<{ status: number; body: string }> {
  const base = new URL(request.baseUrl);
  // The base may carry a stage path; the API path goes after it.
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${request.path}`, base.origin);
  const headers: Record<string, string> = { host: url.host, accept: 'application/json' };
  if (request.sign) Object.assign(headers, await sigv4Headers(url, request.region ?? regionOf(url)));
  const { host: _host, ...sent } = headers;
  const response = await fetch(url, { headers: sent });
  return { status: response.status, body: await response.text() };
}

async function sigv4Headers(url: URL, region: string): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'execute-api', region, credentials: defaultProvider(), sha256: Sha256 });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { host: url.host },
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

/** The API path for a key (each segment percent-encoded) or for a listing. */
export function apiPath(target: { key?: string; entity?: string; type?: string; limit?: string; cursor?: string }): string {
  if (target.key !== undefined) return `/articles/${target.key.split('/').map(encodeURIComponent).join('/')}`;
  // encodeURIComponent, not URLSearchParams: a space must go out as %20, the form SigV4 signs
  // (`+` would reach API Gateway as a literal plus, and the signatures would differ).
  const query = (['entity', 'type', 'limit', 'cursor'] as const)
    .filter((name) => target[name] !== undefined)
    .map((name) => `${name}=${encodeURIComponent(target[name]!)}`)
    .join('&');
  return `/articles${query ? `?${query}` : ''}`;
}
