/**
 * Is this working tree faster than a git ref? A paired comparison of the whole analysis's CPU time
 * per article (bench:throughput's in-process measure: unseen articles, then seen ones).
 *
 *   npm run bench:ab -- REF [--rounds 10] [--file ../shared/eval/summ/cnndm_dev.jsonl] [--warm OTHER.jsonl ...]
 *
 * On our 2-core VMs one run against another drifts by 20-40 %, and a core can be 40 % slower than
 * the other for minutes, which hides any change worth making (most are 2-8 %). So the two trees run
 * in turns, each in a fresh process pinned to the same core (taskset, when there is one), in
 * alternating order, and the figure is the median of the per-round ratios. REF is checked out in a
 * temporary worktree that borrows this tree's node_modules (same dependencies for both), and this
 * tree's bench/throughput.ts (the same measure for both). `--warm` files join the warm-up, as the
 * other files given to bench:throughput do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface InProcess {
  unseenMs: number;
  seenMs: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '10' },
    file: { type: 'string', default: '../shared/eval/summ/cnndm_dev.jsonl' },
    warm: { type: 'string', multiple: true, default: [] },
  },
});
const ref = positionals[0];
if (!ref) throw new Error('usage: npm run bench:ab -- REF [--rounds 10] [--file FILE.jsonl] [--warm OTHER.jsonl ...]');
const rounds = Math.max(1, Number(values.rounds) || 10);
const file = resolve(values.file);
const warm = values.warm.map((w) => resolve(w)).filter((w) => w !== file);
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** REF checked out next to nothing else, with this tree's node_modules. */
function worktree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ab-'));
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, ref]);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  copyFileSync(resolve('bench/throughput.ts'), join(dir, 'bench/throughput.ts'));
  return dir;
}

/** One fresh measuring process in `tree` (bench/throughput.ts's child). */
function measure(tree: string): InProcess {
  const command = [process.execPath, '--import', 'tsx', join(tree, 'bench/throughput.ts'), '--child', file, ...warm];
  const run = pinned ? spawnSync('taskset', ['-c', '0', ...command], { cwd: tree, encoding: 'utf8' }) : spawnSync(command[0], command.slice(1), { cwd: tree, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the measuring process in ${tree} exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as InProcess;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const base = worktree();
try {
  console.log(`${file}: this tree against ${ref}, ${rounds} rounds${pinned ? ', both pinned to core 0' : ' (no taskset: not pinned)'}`);
  const ratios: Record<keyof InProcess, number[]> = { unseenMs: [], seenMs: [] };
  for (let round = 0; round < rounds; round++) {
    // alternate who goes first, so that a drift within a round favours neither
    const first = round % 2 === 0 ? measure(base) : measure('.');
    const second = round % 2 === 0 ? measure('.') : measure(base);
    const [was, now] = round % 2 === 0 ? [first, second] : [second, first];
    for (const key of ['unseenMs', 'seenMs'] as const) ratios[key].push(now[key] / was[key]);
    console.log(`  round ${round + 1}: unseen ${was.unseenMs.toFixed(2)} -> ${now.unseenMs.toFixed(2)} ms/article, seen ${was.seenMs.toFixed(2)} -> ${now.seenMs.toFixed(2)}`);
  }
  for (const [key, label] of [['unseenMs', 'unseen articles'], ['seenMs', 'seen articles']] as const) {
    const r = ratios[key];
    console.log(`${label}: this tree takes ${(median(r) * 100).toFixed(1)} % of ${ref}'s time (median of ${r.length} rounds; ${(Math.min(...r) * 100).toFixed(1)}-${(Math.max(...r) * 100).toFixed(1)} %)`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', base]);
}
