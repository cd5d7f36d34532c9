import { ENTITY_TYPES } from '../nlp/types.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const errorResponse = (description: string) => json(ref('Error'), description);

const problem = {
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: { code: { type: 'string' }, message: { type: 'string' } },
};

/** Fields every record has, listings included. */
const recordFields = {
  key: { type: 'string', description: 'The S3 object key.' },
  version: { type: 'string', description: 'The S3 version id, or the ETag where the bucket is not versioned.' },
  status: { enum: ['ok', 'failed'] },
  error: { ...ref('Problem'), description: 'Why the article could not be analyzed (status failed).' },
  title: { type: ['string', 'null'] },
  byline: { type: ['string', 'null'] },
  dateline: { type: ['string', 'null'] },
  publishedAt: { type: ['string', 'null'] },
  siteName: { type: ['string', 'null'] },
  language: { type: ['string', 'null'], description: 'ISO 639-1 code where one exists, else ISO 639-3.' },
  languageConfidence: { type: 'number', minimum: 0, maximum: 1 },
  wordCount: { type: 'integer', minimum: 0 },
  summary: { type: 'array', items: { type: 'string' }, description: 'Whole sentences of the article, in article order.' },
  warnings: { type: 'array', items: ref('Problem'), description: 'Parts of the analysis skipped or degraded, and why.' },
  encoding: { type: 'string' },
  format: { type: 'string' },
  uploadedAt: { type: 'string', format: 'date-time' },
  bytes: { type: 'integer', minimum: 0 },
  processedAt: { type: 'string', format: 'date-time' },
  analyzerVersion: { type: 'string' },
};
const requiredFields = ['key', 'version', 'status', 'title', 'language', 'wordCount', 'summary', 'processedAt', 'analyzerVersion'];

/** The query API, as OpenAPI 3.1. Served at GET /openapi.json; tests check real responses against it. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Lede query API',
    version: '1.0.0',
    description:
      'Read-only access to article analyses: by S3 key, and by the entities articles mention. Deployed stacks require AWS SigV4 (IAM) authorization unless deployed with -c publicApi=true.',
  },
  security: [{ sigv4: [] }],
  paths: {
    '/articles/{key}': {
      get: {
        operationId: 'getArticle',
        summary: 'The record of the article stored under an S3 key.',
        parameters: [
          {
            name: 'key',
            in: 'path',
            required: true,
            description:
              'The S3 key, percent-encoded as UTF-8 (API Gateway route {key+}): its slashes may be sent as `/` or as `%2F`. `.` and `..` segments are part of the key, never a step up; as HTTP clients may remove them (and empty segments), a key holding any is best sent as one segment, its slashes as `%2F` and a key of only dots with them as `%2E` (what `lede query` does).',
            schema: { type: 'string' },
          },
          {
            name: 'part',
            in: 'query',
            description: "`text`: instead of the record, the exact text its mention offsets index (plain text, UTF-8).",
            schema: { type: 'string', enum: ['text'] },
          },
        ],
        responses: {
          '200': {
            description: 'The article record; with `part=text`, the analyzed text.',
            content: { 'application/json': { schema: ref('ArticleRecord') }, 'text/plain': { schema: { type: 'string' } } },
          },
          '400': errorResponse('`part` is not `text`.'),
          '404': errorResponse('No article is stored under that key (or, with `part=text`, no analyzed text).'),
          '500': errorResponse('The request could not be served.'),
        },
      },
    },
    '/articles': {
      get: {
        operationId: 'listArticles',
        summary:
          'Articles, newest upload first; with `entity`, only those that mention it, most central first (the salience of the entity in each article), then newest upload.',
        parameters: [
          { name: 'entity', in: 'query', description: "An entity name, matched case-insensitively against every name of an article's entity: its name and its aliases (as the article writes it, a person's surname, the full name a short form stands for).", schema: { type: 'string', minLength: 1, maxLength: 200 } },
          { name: 'type', in: 'query', description: 'Only entities of this type (with `entity`); case-insensitive.', schema: { type: 'string', enum: [...ENTITY_TYPES] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
          {
            name: 'cursor',
            in: 'query',
            description:
              'The opaque `cursor` of the previous page of the same query (same `entity` and `type`). Cursors are signed: one the API did not issue, or issued for another query, answers 400.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json(ref('ArticlePage'), 'A page of articles.'),
          '400': errorResponse('A parameter is invalid: limit out of range, unknown type, or a cursor not issued for this query.'),
          '500': errorResponse('The request could not be served.'),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document.',
        responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': {} } } },
      },
    },
  },
  components: {
    securitySchemes: {
      sigv4: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        description: 'AWS Signature Version 4 (service execute-api), e.g. `npx lede query`.',
      },
    },
    schemas: {
      Problem: problem,
      Error: {
        type: 'object',
        required: ['error'],
        additionalProperties: false,
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: { code: { enum: ['NOT_FOUND', 'BAD_REQUEST', 'INTERNAL'] }, message: { type: 'string' } },
          },
        },
      },
      Mention: {
        type: 'object',
        required: ['text', 'begin', 'end'],
        additionalProperties: false,
        properties: { text: { type: 'string' }, begin: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } },
      },
      Entity: {
        type: 'object',
        required: ['name', 'type', 'salience', 'mentions'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          type: { enum: [...ENTITY_TYPES] },
          salience: { type: 'number', minimum: 0, maximum: 1 },
          aliases: {
            type: 'array',
            items: { type: 'string' },
            description: "Its other names: as the article writes them, a person's surname, the full name a short form stands for. A query by any of them finds the article.",
          },
          mentions: { type: 'array', items: ref('Mention') },
        },
      },
      Keyphrase: {
        type: 'object',
        required: ['text', 'score'],
        additionalProperties: false,
        properties: { text: { type: 'string' }, score: { type: 'number' } },
      },
      ArticleRecord: {
        type: 'object',
        required: [...requiredFields, 'entities', 'keyphrases'],
        additionalProperties: false,
        properties: {
          ...recordFields,
          entities: { type: 'array', items: ref('Entity'), description: 'Ordered by salience.' },
          keyphrases: { type: 'array', items: ref('Keyphrase') },
        },
      },
      ArticleListing: {
        type: 'object',
        required: requiredFields,
        additionalProperties: false,
        properties: {
          ...recordFields,
          entity: {
            type: 'object',
            description: 'The matched entity (entity queries only).',
            required: ['name', 'type', 'salience', 'mentionCount'],
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              type: { enum: [...ENTITY_TYPES] },
              salience: { type: 'number', minimum: 0, maximum: 1 },
              mentionCount: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
      ArticlePage: {
        type: 'object',
        required: ['items', 'cursor'],
        additionalProperties: false,
        properties: { items: { type: 'array', items: ref('ArticleListing') }, cursor: { type: ['string', 'null'] } },
      },
    },
  },
} as const;
