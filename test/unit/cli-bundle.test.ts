import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types (it runs before tsx is loaded)
import { bundledEntry } from '../../cli/bundle.mjs';

/** The projects the current test made, removed after it. */
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function projectWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lede-bundle-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}

const BUNDLE_MODULE = fileURLToPath(new URL('../../cli/bundle.mjs', import.meta.url));
const cacheOf = (root: string) => join(root, 'node_modules', '.cache', 'lede');
const bundleDirs = async (root: string) => (await readdir(cacheOf(root))).filter((name) => name.startsWith('cli-') && !name.endsWith('.tmp'));
const bundleDirOf = (url: string) => basename(dirname(fileURLToPath(url)));

/** A separate process that takes the bundle as the CLI does, waits, then loads a lazily imported chunk; resolves with its output. */
function laterChunkInChild(root: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    const { bundledEntry } = await import(${JSON.stringify(BUNDLE_MODULE)});
    const { later } = await import(await bundledEntry('main.ts', ${JSON.stringify(root)}));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    console.log(await later());`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Makes the manifest look `ms` old, as if the bundle it names had replaced the others that long ago. */
async function ageManifest(root: string, ms: number): Promise<void> {
  const then = new Date(Date.now() - ms);
  await utimes(join(cacheOf(root), 'cli.json'), then, then);
}

describe('the cached CLI bundle', () => {
  it('is built once, reused while its sources are unchanged, and rebuilt when one changes', async () => {
    // Prepare
    const root = await projectWith({ 'main.ts': "import { value } from './value.ts';\nexport const answer: number = value;\n", 'value.ts': 'export const value = 1;\n' });
    // Act
    const first: string = await bundledEntry('main.ts', root);
    const firstAnswer = (await import(first)).answer;
    const again: string = await bundledEntry('main.ts', root);
    await writeFile(join(root, 'value.ts'), 'export const value = 22;\n');
    const rebuilt: string = await bundledEntry('main.ts', root);
    // Assess
    expect(firstAnswer).toBe(1);
    expect(again).toBe(first);
    expect(rebuilt).not.toBe(first);
    expect((await import(rebuilt)).answer).toBe(22);
  });

  it('works in processes that start together on an empty cache, each building its own bundle', async () => {
    // Prepare: a command that loads part of its code after a while, as `lede query` does
    const root = await projectWith({
      'main.ts': "export const later = async (): Promise<number> => (await import('./value.ts')).value;\n",
      'value.ts': 'export const value = 7;\n',
    });
    // Act
    const runs = await Promise.all([1, 2, 3].map(() => laterChunkInChild(root)));
    // Assess
    for (const run of runs) expect({ code: run.code, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({ code: 0, stdout: '7', stderr: '' });
  });

  it('keeps a replaced bundle while a process runs from it, and removes it once none does', async () => {
    // Prepare: this process runs from the first bundle; a source changes, so a second replaces it
    const root = await projectWith({ 'main.ts': "import { value } from './value.ts';\nexport const answer: number = value;\n", 'value.ts': 'export const value = 1;\n' });
    const first = bundleDirOf(await bundledEntry('main.ts', root));
    await writeFile(join(root, 'value.ts'), 'export const value = 2;\n');
    const second = bundleDirOf(await bundledEntry('main.ts', root));
    await ageManifest(root, 120_000);
    // Act: a run while this process still uses the first bundle, then one after it "exited"
    await bundledEntry('main.ts', root);
    const whileUsed = await bundleDirs(root);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const mark = (pid: number) => join(cacheOf(root), first, `.in-use-${pid}`);
    await rename(mark(process.pid), mark(gone));
    await bundledEntry('main.ts', root);
    const afterwards = await bundleDirs(root);
    // Assess
    expect(whileUsed.sort()).toEqual([first, second].sort());
    expect(afterwards).toEqual([second]);
  });

  it('keeps a replaced bundle for a minute even unmarked, for a process that read the manifest just before', async () => {
    // Prepare
    const root = await projectWith({ 'main.ts': "import { value } from './value.ts';\nexport const answer: number = value;\n", 'value.ts': 'export const value = 1;\n' });
    const first = bundleDirOf(await bundledEntry('main.ts', root));
    await writeFile(join(root, 'value.ts'), 'export const value = 2;\n');
    const second = bundleDirOf(await bundledEntry('main.ts', root));
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    await rename(join(cacheOf(root), first, `.in-use-${process.pid}`), join(cacheOf(root), first, `.in-use-${gone}`));
    // Act
    await bundledEntry('main.ts', root);
    // Assess
    expect((await bundleDirs(root)).sort()).toEqual([first, second].sort());
  });

  it('is not reused when a source was saved while it was being built', async () => {
    // Prepare: a source whose time says it changed after the build began
    const root = await projectWith({ 'main.ts': 'export const answer = 1;\n' });
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'main.ts'), later, later);
    // Act
    const first: string = await bundledEntry('main.ts', root);
    const again: string = await bundledEntry('main.ts', root);
    // Assess
    expect(again).not.toBe(first);
  });

  it('answers null when the entry cannot be built, so the command falls back to tsx', async () => {
    // Prepare
    const root = await projectWith({ 'main.ts': 'export const broken = ;\n' });
    // Act
    const url = await bundledEntry('main.ts', root);
    // Assess
    expect(url).toBeNull();
  });
});
