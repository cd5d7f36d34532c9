import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ErrorCode = 'NOT_FOUND' | 'BAD_REQUEST' | 'INTERNAL';

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export function plainText(statusCode: number, body: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body };
}

export function errorResponse(statusCode: number, code: ErrorCode, message: string): APIGatewayProxyStructuredResultV2 {
  return json(statusCode, { error: { code, message } });
}

/** A client mistake, answered as 400 with a message meant for the client. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}
