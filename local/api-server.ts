import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKey } from '../shared/api/routes.ts';
import { lambdaContext } from './context.ts';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The routes of the stack's HTTP API, matched on the path as sent (still percent-encoded), so that
 * an encoded `/` or `.` in a key never changes the route; `{key+}` is greedy, as in API Gateway.
 */
const ROUTES = [
  { routeKey: routeKey('article'), pattern: /^\/articles\/(?<key>.+)$/ },
  { routeKey: routeKey('articles'), pattern: /^\/articles\/?$/ },
  { routeKey: routeKey('openapi'), pattern: /^\/openapi\.json$/ },
];

/**
 * A small stand-in for API Gateway: turns requests into HTTP API (payload v2) events for the
 * query handler. Like an HTTP API it hands over `rawPath` and the path parameters decoded once.
 * It reads the request target as sent: a WHATWG URL would resolve `..` and `%2e%2e` segments and
 * serve another key than the one asked for.
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
  const target = splitTarget(req.url ?? '/');
  const route = ROUTES.map((r) => ({ ...r, match: r.pattern.exec(target.path) })).find((r) => r.match);
  if (!route || req.method !== 'GET') {
    // API Gateway answers unmatched routes itself, before any function runs.
    return send(res, { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Not Found' }) });
  }
  let rawPath: string;
  let pathParameters: Record<string, string> | undefined;
  try {
    rawPath = decodeURIComponent(target.path);
    pathParameters = route.match?.groups ? { key: decodeURIComponent(route.match.groups.key) } : undefined;
  } catch {
    return send(res, { statusCode: 400, body: JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'The path is not valid percent-encoding.' } }) });
  }
  try {
    const event = toEvent(req, target.query, rawPath, route.routeKey, pathParameters);
    send(res, await handler(event, lambdaContext('lede-query', 10_000)));
  } catch {
    send(res, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
  }
}

/** The path and query of a request target, both as sent (origin form: `/path?query`). */
function splitTarget(target: string): { path: string; query: string } {
  const queryStart = target.indexOf('?');
  if (queryStart === -1) return { path: target, query: '' };
  return { path: target.slice(0, queryStart), query: target.slice(queryStart + 1) };
}

function toEvent(
  req: IncomingMessage,
  rawQueryString: string,
  rawPath: string,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) query[name] = name in query ? `${query[name]},${value}` : value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = String(value);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
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
