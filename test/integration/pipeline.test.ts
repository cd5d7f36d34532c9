import { ListObjectsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextStore } from '../../shared/store/texts.ts';
import { encodeKeyForPath, sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

async function keysMentioning(name: string): Promise<string[]> {
  const { body } = await stack.get(`/articles?entity=${encodeURIComponent(name)}&limit=100`);
  return body.items.map((i: { key: string }) => i.key);
}

describe('upload, then query over HTTP', () => {
  it('serves the record of an uploaded article with every field filled', async () => {
    // Prepare
    const text = sampleArticle('Minsk', 'Alena Kowalski');
    // Act
    await stack.upload('world/minsk-talks.txt', text);
    const record = await stack.record('world/minsk-talks.txt');
    // Assess
    expect(record).toMatchObject({ key: 'world/minsk-talks.txt', status: 'ok', title: 'Talks resume in Minsk', language: 'en' });
    expect(record!.version).toMatch(/\S/);
    expect(record!.wordCount).toBeGreaterThan(40);
    expect(record!.summary.length).toBeGreaterThan(0);
    for (const sentence of record!.summary) expect(text).toContain(sentence);
    expect(record!.keyphrases.length).toBeGreaterThan(0);
    for (const entity of record!.entities) {
      for (const m of entity.mentions) expect(text.slice(m.begin, m.end)).toBe(m.text);
    }
    expect(record!.analyzerVersion).toMatch(/\d/);
    expect(Date.parse(record!.processedAt)).not.toBeNaN();
  });

  it('decodes keys with spaces, plus signs and non-ASCII characters', async () => {
    // Prepare
    const key = 'news/Élysée report + notes 2026.txt';
    // Act
    await stack.upload(key, sampleArticle('Paris'));
    const record = await stack.record(key);
    // Assess
    expect(record?.key).toBe(key);
    expect(record?.status).toBe('ok');
  });

  it('answers 404 with the error shape for an unknown key', async () => {
    const { status, body } = await stack.get('/articles/no/such/article.txt');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toEqual(expect.any(String));
  });
});

describe('overwrite and delete', () => {
  it('replaces the record when the object is overwritten, and the entity index follows', async () => {
    // Prepare
    const key = 'overwrite/story.txt';
    await stack.upload(key, sampleArticle('Vilnius', 'Marta Ostrowska'));
    const first = await stack.record(key);
    // Act
    await stack.upload(key, sampleArticle('Tallinn', 'Jonas Petraitis'));
    const second = await stack.record(key);
    // Assess
    expect(second?.title).toBe('Talks resume in Tallinn');
    expect(second?.version).not.toBe(first?.version);
    const secondNames = new Set(second!.entities.map((e) => e.name));
    const gone = first!.entities.find((e) => !secondNames.has(e.name))!;
    const kept = second!.entities[0];
    expect(await keysMentioning(gone.name)).not.toContain(key);
    expect(await keysMentioning(kept.name)).toContain(key);
  });

  it('removes the record when the object is deleted', async () => {
    // Prepare
    const key = 'delete/story.txt';
    await stack.upload(key, sampleArticle('Kaunas', 'Tomas Zukauskas'));
    const record = await stack.record(key);
    expect(record?.entities.length).toBeGreaterThan(0);
    // Act
    await stack.remove(key);
    await stack.bridge.whenIdle();
    // Assess
    expect((await stack.get(`/articles/${encodeKeyForPath(key)}`)).status).toBe(404);
    for (const entity of record!.entities) expect(await keysMentioning(entity.name)).not.toContain(key);
  });

  it('takes the delete of an object it never processed in stride', async () => {
    // Act
    await stack.remove('never/uploaded.txt');
    await stack.bridge.whenIdle();
    // Assess
    expect(stack.bridge.deadLetters).toEqual([]);
    expect((await stack.get('/articles/never/uploaded.txt')).status).toBe(404);
  });
});

describe('bad input gets a clear record', () => {
  it.each([
    ['empty.txt', new Uint8Array(), 'EMPTY'],
    ['blank.txt', '   \n\n  ', 'EMPTY'],
    ['image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'BINARY'],
  ])('%s is recorded as failed with %s', async (key, body, code) => {
    // Act
    await stack.upload(`bad/${key}`, body);
    const record = await stack.record(`bad/${key}`);
    // Assess
    expect(record).toMatchObject({ status: 'failed', error: { code }, summary: [], entities: [] });
    expect(record!.error!.message.length).toBeGreaterThan(10);
  });

  it('refuses an object over the size limit without analyzing it', async () => {
    // Prepare
    const huge = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
    // Act
    await stack.upload('bad/huge.txt', huge);
    const record = await stack.record('bad/huge.txt');
    // Assess
    expect(record).toMatchObject({ status: 'failed', error: { code: 'TOO_LARGE' }, bytes: huge.length });
  });

  it('decodes Windows-1252 text instead of refusing it', async () => {
    // Prepare: “Café” in Windows-1252 bytes, as a legacy editor saves it
    const text = 'Caf\xe9 owners in Lyon said on Monday that \x93prices\x94 would rise again next year, citing the cost of energy and rent.';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    // Act
    await stack.upload('bad/latin1.txt', bytes);
    const record = await stack.record('bad/latin1.txt');
    // Assess
    expect(record).toMatchObject({ status: 'ok', encoding: 'windows-1252' });
    expect(record!.summary.join(' ')).toContain('Café owners');
    expect(record!.summary.join(' ')).toContain('“prices”');
  });

  it('records a non-English article with a summary and says why entities were skipped', async () => {
    // Prepare
    const german = [
      'Die Stadtverwaltung hat am Montag beschlossen, die Straßenbahnlinie bis zum neuen Bahnhof zu verlängern.',
      'Die Bauarbeiten sollen im kommenden Frühjahr beginnen und etwa zwei Jahre dauern.',
      'Der Bürgermeister sagte, die Verbindung sei für die wachsenden Wohngebiete im Norden der Stadt dringend nötig.',
    ].join(' ');
    // Act
    await stack.upload('bad/german.txt', german);
    const record = await stack.record('bad/german.txt');
    // Assess
    expect(record).toMatchObject({ status: 'ok', language: 'de', entities: [] });
    expect(record!.summary.length).toBeGreaterThan(0);
    expect(record!.warnings).toContainEqual(expect.objectContaining({ code: 'ENTITIES_SKIPPED' }));
  });
});

describe('listing and pagination', () => {
  it('pages through the articles that mention an entity, newest first, without repeats', async () => {
    // Prepare
    const keys = ['a', 'b', 'c', 'd', 'e'].map((k) => `pages/${k}.txt`);
    for (const key of keys) {
      await stack.upload(key, sampleArticle('Grodno', 'Irena Sadowska'));
      await stack.bridge.whenIdle();
    }
    const name = (await stack.record(keys[0]))!.entities[0].name;
    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/articles?entity=${encodeURIComponent(name.toLowerCase())}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { status, body } = await stack.get(query);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i: { key: string }) => i.key));
      cursor = body.cursor;
      pages++;
    } while (cursor);
    // Assess
    expect(seen).toEqual([...keys].reverse());
    expect(pages).toBe(3);
  });

  it('filters by entity type', async () => {
    // Prepare
    await stack.upload('types/story.txt', sampleArticle('Brest', 'Olga Nowak'));
    const { name, type } = (await stack.record('types/story.txt'))!.entities[0];
    const otherType = type === 'PERSON' ? 'ORGANIZATION' : 'PERSON';
    // Act
    const same = await stack.get(`/articles?entity=${encodeURIComponent(name)}&type=${type}`);
    const other = await stack.get(`/articles?entity=${encodeURIComponent(name)}&type=${otherType.toLowerCase()}`);
    // Assess
    expect(same.body.items.map((i: { key: string }) => i.key)).toContain('types/story.txt');
    expect(same.body.items[0].entity).toMatchObject({ name, type });
    expect(other.body.items.map((i: { key: string }) => i.key)).not.toContain('types/story.txt');
  });

  it('lists all articles newest first without an entity', async () => {
    const { status, body } = await stack.get('/articles?limit=100');
    expect(status).toBe(200);
    const times = body.items.map((i: { uploadedAt: string }) => i.uploadedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items[0]).not.toHaveProperty('entities');
  });

  it.each([
    ['/articles?limit=0', 'limit'],
    ['/articles?limit=101', 'limit'],
    ['/articles?limit=ten', 'limit'],
    ['/articles?entity=Minsk&type=PLANET', 'type'],
    ['/articles?entity=Minsk&cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['/articles?cursor=%7B%7D', 'cursor'],
  ])('answers 400 for %s', async (path, word) => {
    const { status, body } = await stack.get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain(word);
  });

  it('refuses a cursor issued for another entity', async () => {
    // Prepare
    const first = await stack.get('/articles?limit=1');
    // Act
    const { status } = await stack.get(`/articles?entity=minsk&cursor=${encodeURIComponent(first.body.cursor)}`);
    // Assess
    expect(status).toBe(400);
  });
});

describe('the analyzed text', () => {
  async function textOf(key: string): Promise<{ status: number; type: string | null; text: string }> {
    const response = await fetch(`${stack.apiUrl}/articles/${encodeKeyForPath(key)}?part=text`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  async function textObjects(key: string): Promise<string[]> {
    const { Contents } = await stack.s3Client.send(new ListObjectsCommand({ Bucket: stack.textBucket, Prefix: TextStore.prefixFor(key) }));
    return (Contents ?? []).map((c) => c.Key!);
  }

  it('serves, for an HTML page, the extracted text that mention offsets index', async () => {
    // Prepare
    const html = `<!doctype html><html><head><title>Harbour reopens</title><script>var tracking = 1;</script></head>
      <body><nav>Home | World</nav><article><h1>Harbour reopens</h1>
      <p>The harbour in Gdansk reopened on Friday after a week of repairs, the port authority said.</p>
      <p>Marta Ostrowska, who runs the port authority, said ships had begun to dock within hours.</p></article></body></html>`;
    // Act
    await stack.upload('texts/page.html', html, 'text/html');
    const record = await stack.record('texts/page.html');
    const { status, type, text } = await textOf('texts/page.html');
    // Assess
    expect(record).not.toHaveProperty('textKey');
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(text).toContain('reopened on Friday');
    expect(text).not.toContain('tracking');
    expect(record!.entities.length).toBeGreaterThan(0);
    for (const { mentions } of record!.entities) for (const m of mentions) expect(text.slice(m.begin, m.end)).toBe(m.text);
  });

  it('serves, for plain text, the upload itself, and keeps one text per article across overwrites', async () => {
    // Prepare
    const key = 'texts/story.txt';
    await stack.upload(key, sampleArticle('Riga'));
    await stack.bridge.whenIdle();
    // Act
    await stack.upload(key, sampleArticle('Oslo'));
    await stack.bridge.whenIdle();
    // Assess
    expect((await textOf(key)).text).toBe(sampleArticle('Oslo'));
    expect(await textObjects(key)).toHaveLength(1);
  });

  it('deletes the text with the article, and answers 404 for a failed record', async () => {
    // Prepare
    await stack.upload('texts/gone.txt', sampleArticle('Lodz'));
    await stack.upload('texts/empty.txt', '');
    await stack.bridge.whenIdle();
    // Act
    await stack.remove('texts/gone.txt');
    await stack.bridge.whenIdle();
    // Assess
    expect(await textObjects('texts/gone.txt')).toEqual([]);
    expect((await textOf('texts/empty.txt')).status).toBe(404);
    expect((await stack.get('/articles/texts/empty.txt?part=summary')).status).toBe(400);
  });
});
