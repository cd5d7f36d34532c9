import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let document: { paths: Record<string, { get: { responses: Record<string, { content?: { 'application/json'?: { schema?: object } } }> } }> };

beforeAll(async () => {
  stack = await startTestStack();
  await stack.upload('doc/ok.txt', sampleArticle('Minsk', 'Alena Kowalski'));
  await stack.upload('doc/empty.txt', '');
  await stack.upload('doc/page.html', '<html><head><title>Harbour news</title></head><body><p>The harbour in Gdansk reopened on Friday after repairs, officials said on the quay.</p></body></html>', 'text/html');
  await stack.bridge.whenIdle();
  document = (await stack.get('/openapi.json')).body;
});

afterAll(async () => {
  await stack?.close();
});

/** Checks a real response against the schema the document gives for that path and status. */
function conforms(path: string, status: number, body: unknown): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: 'lede-openapi' });
  const escaped = path.replace(/~/g, '~0').replace(/\//g, '~1');
  const schema = document.paths[path].get.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return [`no schema for ${path} ${status}`];
  const validate = ajv.compile({ $ref: `lede-openapi#/paths/${escaped}/get/responses/${status}/content/application~1json/schema` });
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([
    ['/articles/{key}', '/articles/doc/ok.txt', 200],
    ['/articles/{key}', '/articles/doc/empty.txt', 200],
    ['/articles/{key}', '/articles/doc/page.html', 200],
    ['/articles/{key}', '/articles/doc/missing.txt', 404],
    ['/articles', '/articles', 200],
    ['/articles', '/articles?limit=1', 200],
    ['/articles', '/articles?entity=minsk', 200],
    ['/articles', '/articles?entity=minsk&type=location', 200],
    ['/articles', '/articles?limit=500', 400],
    ['/articles', '/articles?entity=minsk&cursor=abc', 400],
  ])('describes %s as served for %s (%i)', async (path, url, status) => {
    // Act
    const response = await stack.get(url);
    // Assess
    expect(response.status).toBe(status);
    expect(conforms(path, status, response.body)).toEqual([]);
  });

  it('rejects a response that breaks the contract (the check can fail)', async () => {
    const { body } = await stack.get('/articles/doc/ok.txt');
    expect(conforms('/articles/{key}', 200, { ...body, entities: [{ name: 'X' }] })).not.toEqual([]);
    expect(conforms('/articles/{key}', 200, { ...body, secret: 'internal' })).not.toEqual([]);
  });
});
