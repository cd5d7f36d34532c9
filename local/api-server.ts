import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKey } from '../shared/api/routes.ts';
import { lambdaContext } from './context.ts';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The routes of the stack's HTTP API; `{key+}` is greedy, as in API Gateway. */
const ROUTES = [
  { routeKey: routeKey('article'), pattern: /^\/articles\/(?<key>.+)$/ },
  { routeKey: routeKey('articles'), pattern: /^\/articles\/?$/ },
  { routeKey: routeKey('openapi'), pattern: /^\/openapi\.json$/ },
];

/**
 * A small stand-in for API Gateway: turns requests into HTTP API (payload v2) events for the
 * query handler. Like API Gateway it decodes the path before matching and passing it on.
 */
export async function startApiServer(handler: HttpHandler, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

async function serve(handler: HttpHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  let rawPath: string;
  try {
    rawPath = decodeURIComponent(url.pathname);
  } catch {
    return send(res, { statusCode: 400, body: JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'The path is not valid percent-encoding.' } }) });
  }
  const route = ROUTES.map((r) => ({ ...r, match: r.pattern.exec(rawPath) })).find((r) => r.match);
  if (!route || req.method !== 'GET') {
    // API Gateway answers unmatched routes itself, before any function runs.
    return send(res, { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Not Found' }) });
  }
  try {
    send(res, await handler(toEvent(req, url, rawPath, route.routeKey, route.match?.groups), lambdaContext('lede-query', 10_000)));
  } catch {
    send(res, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
  }
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  rawPath: string,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = String(value);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: req.method ?? 'GET', path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' },
      requestId: `${now.getTime()}`,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string> | undefined);
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}
