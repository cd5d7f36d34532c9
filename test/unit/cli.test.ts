import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleArticle } from '../helpers/local-stack.ts';

const LEDE = join(import.meta.dirname, '../../cli/lede.mjs');

/** The directories the current test made, removed after it. */
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lede-cli-'));
  dirs.push(dir);
  return dir;
}

function lede(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', [LEDE, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('lede analyze', () => {
  it('prints the record of one file as JSON, without key or version', async () => {
    // Prepare
    const dir = await tempDir();
    const file = join(dir, 'story.txt');
    await writeFile(file, sampleArticle());
    // Act
    const { code, stdout } = await lede(['analyze', file]);
    // Assess
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({ status: 'ok', title: 'Talks resume in Minsk' });
    expect(record).not.toHaveProperty('key');
    expect(record).not.toHaveProperty('version');
    expect(record.analyzerVersion).toEqual(expect.any(String));
  });

  it('analyzes an HTML page (the page libraries load on demand, in the bundle too)', async () => {
    // Prepare
    const dir = await tempDir();
    const file = join(dir, 'page.html');
    const page = `<!doctype html><html><head><title>Harbour reopens | Baltic Herald</title></head><body><article><h1>Harbour reopens</h1><p>The port of Gdansk reopened on Friday after a nine-day strike, the port authority said.</p><p>Ships waiting offshore began to dock within hours.</p></article></body></html>`;
    await writeFile(file, page);
    // Act
    const single = await lede(['analyze', file]);
    const lines = await lede(['analyze', '--jsonl'], `${JSON.stringify({ id: 'page', text: page })}\n`);
    // Assess
    expect(single.code).toBe(0);
    expect(JSON.parse(single.stdout)).toMatchObject({ status: 'ok', format: 'html', title: 'Harbour reopens' });
    expect(JSON.parse(lines.stdout)).toMatchObject({ id: 'page', status: 'ok', format: 'html', title: 'Harbour reopens' });
  });

  it('prints with --text the text it analyzed: for a page, the article it extracted', async () => {
    // Prepare
    const dir = await tempDir();
    const file = join(dir, 'page.html');
    const page = `<!doctype html><html><head><title>Harbour reopens</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Harbour reopens</h1><p>The port of Gdansk reopened on Friday after a nine-day strike, the port authority said.</p><figure><img src="a.jpg"><figcaption>Ships at dawn</figcaption></figure><p>Ships waiting offshore began to dock within hours.</p></article></body></html>`;
    await writeFile(file, page);
    // Act
    const { code, stdout } = await lede(['analyze', file, '--text']);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toBe('The port of Gdansk reopened on Friday after a nine-day strike, the port authority said.\n\nShips waiting offshore began to dock within hours.\n');
  });

  it('answers one JSON line per input line, in order, going on past bad lines', async () => {
    // Prepare
    const input = [
      JSON.stringify({ id: 'first', text: sampleArticle('Riga') }),
      '',
      'this is not json',
      JSON.stringify({ id: 7, body: 'no text field' }),
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ id: 'last', text: sampleArticle('Oslo') }),
    ].join('\n');
    // Act
    const { code, stdout } = await lede(['analyze', '--jsonl'], input);
    // Assess
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      ['first', 'ok'],
      [null, 'failed'],
      [null, 'failed'],
      [7, 'failed'],
      ['empty', 'failed'],
      ['last', 'ok'],
    ]);
    expect(lines[1].error.code).toBe('BAD_INPUT_LINE');
    expect(lines[2].error.code).toBe('BAD_INPUT_LINE');
    expect(lines[4].error.code).toBe('EMPTY');
  });

  it('prints usage and fails without arguments', async () => {
    const { code, stdout, stderr } = await lede(['analyze']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage');
  });
});
