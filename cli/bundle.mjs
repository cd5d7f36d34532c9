// The CLI bundled into one ES module by esbuild and cached in node_modules/.cache/lede, so that
// `lede analyze` starts in about a quarter of a second instead of transpiling every source file
// through tsx on each run (0.56 s). The bundle is rebuilt whenever one of its inputs changed.
import { existsSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ANALYSIS_WORKER = 'shared/pipeline/analysis-worker.ts';

/** How the bundle is built; part of its manifest, so that changing them here rebuilds it. */
const OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node.split('.')[0]}`,
  // dependencies load from node_modules as usual; only the project's own TypeScript is bundled
  packages: 'external',
  // the HTML libraries are CommonJS, loaded with `require` on first use (shared/nlp/html-libs.ts)
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // commands other than `analyze` load their code on demand: keep it out of the start-up path
  splitting: true,
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
};

/**
 * The URL of an up-to-date bundle of `entry` (relative to `root`), building it first if needed;
 * null when it cannot be built (no esbuild), so the caller falls back to tsx.
 */
export async function bundledEntry(entry, root = PROJECT) {
  const where = { root, cache: join(root, 'node_modules', '.cache', 'lede') };
  const fresh = await freshBundle(entry, where);
  // marking fails when another process has just removed the bundle: then build one
  if (fresh && (await markInUse(dirname(fresh)))) {
    await removeStale(where.cache, basename(dirname(fresh)));
    return pathToFileURL(fresh).href;
  }
  try {
    return pathToFileURL(await build(entry, where)).href;
  } catch (error) {
    if (process.env.LEDE_DEBUG) process.stderr.write(`lede: no bundle (${error.message}); running through tsx\n`);
    return null;
  }
}

/** The cached bundle's path if every input it was built from is unchanged (size and mtime). */
async function freshBundle(entry, { root, cache }) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(cache, 'cli.json'), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.entry !== entry || manifest.node !== process.version || manifest.options !== JSON.stringify(OPTIONS)) return null;
  const checks = await Promise.all(
    Object.entries(manifest.inputs).map(async ([path, [size, mtime]]) => {
      const info = await stat(join(root, path)).catch(() => null);
      return info !== null && info.size === size && info.mtimeMs === mtime;
    }),
  );
  return checks.every(Boolean) ? join(cache, manifest.bundle) : null;
}

/**
 * Builds into a private file, then renames it and the manifest into place: processes that start
 * together may each build, but none ever reads a half-written bundle.
 */
async function build(entry, { root, cache }) {
  const esbuild = await import('esbuild');
  await mkdir(cache, { recursive: true });
  const bundle = `cli-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const pendingDir = join(cache, `${bundle}.tmp`);
  const started = Date.now();
  const result = await esbuild.build({
    ...OPTIONS,
    absWorkingDir: root,
    // the analysis thread's script beside the bundle, where shared/pipeline/isolated-analysis.ts looks
    entryPoints: { main: entry, ...(existsSync(join(root, ANALYSIS_WORKER)) ? { 'analysis-worker': ANALYSIS_WORKER } : {}) },
    outdir: pendingDir,
    metafile: true,
    logLevel: 'silent',
  });
  await esbuild.stop?.();
  // marked before it is visible, so that no other process takes it for unused
  await markInUse(pendingDir, join(cache, bundle));
  const inputs = {};
  // package.json (its import map) and tsconfig.json steer how the sources resolve and compile
  for (const path of [...Object.keys(result.metafile.inputs), 'package.json', 'tsconfig.json']) {
    const info = await stat(join(root, path)).catch(() => null);
    if (info) inputs[path] = [info.size, info.mtimeMs];
  }
  await rename(pendingDir, join(cache, bundle));
  // A source saved while esbuild read it may be in the bundle as it was: use the bundle this once,
  // but record it only when no input is newer than the build, so that the next run builds again.
  if (Object.values(inputs).every(([, mtime]) => mtime < started + 1)) {
    const manifest = join(cache, 'cli.json');
    const pending = `${manifest}.${process.pid}`;
    const options = JSON.stringify(OPTIONS);
    await writeFile(pending, JSON.stringify({ entry, node: process.version, options, bundle: join(bundle, 'main.mjs'), inputs }));
    await rename(pending, manifest);
  }
  return join(cache, bundle, 'main.mjs');
}

/** A bundle holds an empty file of this name and the process id for each process running from it. */
const IN_USE = '.in-use-';
/**
 * How long a replaced bundle is kept even when no process has marked it: a process that read the
 * manifest just before it changed marks the bundle it names a moment later.
 */
const REPLACED_GRACE_MS = 60_000;

/**
 * Marks `dir` as the bundle this process runs from, until it exits (by then the bundle may have
 * moved to `finalDir`); false when `dir` is gone. A cache this process cannot write to is used
 * unmarked: no process can remove a bundle from it either.
 */
async function markInUse(dir, finalDir = dir) {
  const name = `${IN_USE}${process.pid}`;
  try {
    await writeFile(join(dir, name), '');
  } catch (error) {
    return error.code !== 'ENOENT';
  }
  if (marks.size === 0) process.once('exit', unmarkAll);
  marks.add(join(finalDir, name));
  return true;
}

/** This process's marks, removed when it exits. */
const marks = new Set();

function unmarkAll() {
  for (const mark of marks) {
    try {
      unlinkSync(mark);
    } catch {
      // the bundle is gone already
    }
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Removes the bundles other than `current` that no running process uses, and the marks of processes
 * that were killed before they could remove their own. A process reads a bundle's files one by one
 * as it loads them, and a command's own chunk (`lede query`'s code) only when it runs: removing
 * bundles as soon as they were replaced broke processes that started together on a clean clone,
 * each building its own (`Cannot find module .../chunk-….mjs`). Best effort, and nothing at all
 * while the manifest is new.
 */
async function removeStale(cache, current) {
  const manifest = await stat(join(cache, 'cli.json')).catch(() => null);
  if (!manifest || Date.now() - manifest.mtimeMs < REPLACED_GRACE_MS) return;
  for (const name of await readdir(cache).catch(() => [])) {
    if (!name.startsWith('cli-') || name.endsWith('.tmp')) continue;
    const dir = join(cache, name);
    const marks = (await readdir(dir).catch(() => [])).filter((file) => file.startsWith(IN_USE));
    const dead = marks.filter((file) => !isRunning(Number(file.slice(IN_USE.length))));
    if (name !== current && dead.length === marks.length) await rm(dir, { recursive: true, force: true }).catch(() => {});
    else for (const file of dead) await rm(join(dir, file), { force: true }).catch(() => {});
  }
}
