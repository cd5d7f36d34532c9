import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types (it runs before tsx is loaded)
import { bundledEntry } from '../../cli/bundle.mjs';

async function projectWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lede-bundle-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
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
    const cached = await readdir(join(root, 'node_modules', '.cache', 'lede'));
    expect(cached.filter((name) => name.startsWith('cli-'))).toHaveLength(1);
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
