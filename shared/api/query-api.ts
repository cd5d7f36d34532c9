import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENTITY_TYPES, type EntityType } from '../nlp/types.ts';
import type { ArticleStore } from '../store/articles.ts';
import { InvalidCursorError } from '../store/cursor.ts';
import { DEFAULT_PAGE_SIZE, MAX_ENTITY_NAME, MAX_PAGE_SIZE, MAX_S3_KEY_BYTES } from './limits.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import type { TextStore } from '../store/texts.ts';
import { BadRequestError, errorResponse, json, plainText } from './responses.ts';
import { routeKey } from './routes.ts';


export interface QueryDeps {
  store: ArticleStore;
  texts: TextStore;
  log: { error(message: string, ...extra: unknown[]): void };
}

/** Routes a request of the HTTP API (payload v2; path parameters arrive decoded) to the read it asks for. */
export async function handleQueryRequest(
  event: APIGatewayProxyEventV2,
  deps: QueryDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    switch (event.routeKey) {
      case routeKey('article'):
        return await getArticle(articleKeyOf(event), event.queryStringParameters ?? {}, deps);
      case routeKey('articles'):
        return await listArticles(event.queryStringParameters ?? {}, deps.store);
      case routeKey('openapi'):
        return json(200, OPENAPI_DOCUMENT);
      default:
        return errorResponse(404, 'NOT_FOUND', `No route for ${event.routeKey}.`);
    }
  } catch (error) {
    if (error instanceof BadRequestError || error instanceof InvalidCursorError) {
      return errorResponse(400, 'BAD_REQUEST', error.message);
    }
    deps.log.error('query failed', error as Error);
    // Internal details stay in the log: clients get a stable, generic answer.
    return errorResponse(500, 'INTERNAL', 'The request could not be served; try again later.');
  }
}

/**
 * The S3 key a request names: the `{key+}` path parameter, which API Gateway hands over decoded
 * once, `%2F` included, and which the local server builds the same way from the raw request path.
 * Never re-derived from `rawPath`: an HTTP API delivers that decoded too, so decoding it again would
 * turn a key's literal `%41` into `A`. Dot segments stay: nothing here resolves `..`.
 */
function articleKeyOf(event: APIGatewayProxyEventV2): string {
  return event.pathParameters?.key ?? '';
}

async function getArticle(
  key: string,
  params: Record<string, string | undefined>,
  deps: QueryDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (params.part !== undefined && params.part !== 'text') throw new BadRequestError("'part' can only be 'text'.");
  // S3 keys are at most 1,024 bytes: a longer one names no article (and would exceed DynamoDB's key size).
  const notFound = errorResponse(404, 'NOT_FOUND', `No article is stored under the key '${key}'.`);
  if (key === '' || Buffer.byteLength(key) > MAX_S3_KEY_BYTES) return notFound;
  if (params.part === 'text') {
    const textKey = await deps.store.textKeyOf(key);
    const text = textKey ? await deps.texts.get(textKey) : undefined;
    if (text === undefined) return errorResponse(404, 'NOT_FOUND', `No analyzed text is stored for '${key}'.`);
    return plainText(200, text);
  }
  const record = await deps.store.getArticle(key);
  return record ? json(200, record) : notFound;
}

async function listArticles(
  params: Record<string, string | undefined>,
  store: ArticleStore,
): Promise<APIGatewayProxyStructuredResultV2> {
  const page = { limit: parseLimit(params.limit), ...(params.cursor !== undefined ? { cursor: params.cursor } : {}) };
  const type = parseType(params.type);
  if (params.entity === undefined) {
    if (type) throw new BadRequestError("'type' filters an entity query: give 'entity' too.");
    return json(200, await store.listArticles(page));
  }
  const entity = params.entity.trim();
  if (!entity || entity.length > MAX_ENTITY_NAME) {
    throw new BadRequestError(`'entity' must be a name of 1 to ${MAX_ENTITY_NAME} characters.`);
  }
  return json(200, await store.findByEntity(entity, type, page));
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadRequestError(`'limit' must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return limit;
}

function parseType(raw: string | undefined): EntityType | undefined {
  if (raw === undefined) return undefined;
  const type = raw.toUpperCase();
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) {
    throw new BadRequestError(`'type' must be one of ${ENTITY_TYPES.join(', ')}.`);
  }
  return type as EntityType;
}
