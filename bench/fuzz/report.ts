/** The bench's lines: one per input as it finishes, then a table per path with the issue's goals. */
import { MiB, sizeLabel } from './families.ts';
import type { Measurement } from './measurement.ts';

/** Issue 16: any upload up to 5 MiB analyzed within 10 s and 512 MB, the stack answering within 1 s meanwhile. */
export const GOALS = { ms: 10_000, bytes: 512 * MiB, apiMs: 1_000 };

const MISSED = '✗';
const MET = '✓';

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function mebibytes(bytes: number): string {
  return `${Math.round(bytes / MiB)} MiB`;
}

function mark(missed: boolean): string {
  return missed ? MISSED : MET;
}

/** `cli    punctuation    '!' run    256 KiB    25.10 s    212 MiB   ok` */
export function inputLine(path: string, m: Measurement): string {
  const cells = [
    path.padEnd(6),
    m.family.padEnd(15),
    m.variant.slice(0, 30).padEnd(30),
    sizeLabel(m.size).padStart(10),
    seconds(m.ms).padStart(9),
    (m.peakBytes ? mebibytes(m.peakBytes) : '-').padStart(9),
    ...(m.apiWorstMs === undefined ? [] : [`api ${seconds(m.apiWorstMs)}`.padStart(12)]),
    ` ${m.verdict.endedInRecord ? '' : `${MISSED} `}${m.verdict.label}`,
    m.restarted ? ' (stack restarted)' : '',
  ];
  return cells.join(' ');
}

/** `at 256 KiB '!' run`: the size first, so that a cut name still says where. */
function where(m: Measurement): string {
  return `at ${sizeLabel(m.size)} ${m.variant}`;
}

function worst(rows: Measurement[], value: (m: Measurement) => number | undefined): Measurement | undefined {
  let found: Measurement | undefined;
  for (const m of rows) if ((value(m) ?? -1) > (found ? (value(found) ?? -1) : -1)) found = m;
  return found;
}

/** `3× timeout, 1× crash: exit 1`: why inputs ended without a record. */
function failures(rows: Measurement[]): string {
  const counts = new Map<string, number>();
  for (const m of rows) {
    if (m.verdict.endedInRecord) continue;
    const reason = m.verdict.label.replace(/ \(.*$/, '');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, n]) => `${n}× ${reason}`).join(', ');
}

/** One row per family: records, worst time, peak memory, largest record, slowest API answer; ✗ where a goal is missed. */
export function summaryTable(title: string, families: string[], rows: Measurement[]): string {
  const withApi = rows.some((m) => m.apiWorstMs !== undefined);
  const header = [
    'family'.padEnd(15),
    'records'.padEnd(9),
    'worst time'.padEnd(50),
    'peak memory'.padEnd(50),
    'largest record'.padEnd(15),
    ...(withApi ? ['/openapi.json'.padEnd(14)] : []),
    'no record',
  ].join(' ');
  const lines = [
    title,
    `goals: every input a record (ok, or failed with a clear code, under 400 KB), within ${seconds(GOALS.ms)} and ${mebibytes(GOALS.bytes)}${withApi ? `, /openapi.json within ${seconds(GOALS.apiMs)}` : ''}`,
    header,
  ];
  for (const family of families) {
    const own = rows.filter((m) => m.family === family);
    if (!own.length) continue;
    const records = own.filter((m) => m.verdict.endedInRecord).length;
    const slowest = worst(own, (m) => m.ms);
    const heaviest = worst(own, (m) => m.peakBytes);
    const largest = worst(own, (m) => m.verdict.itemBytes);
    const api = worst(own, (m) => m.apiWorstMs);
    const cells = [
      family.padEnd(15),
      `${records}/${own.length} ${mark(records < own.length)}`.padEnd(9),
      (slowest ? `${seconds(slowest.ms)} ${mark(slowest.ms > GOALS.ms)} ${where(slowest)}` : '-').slice(0, 50).padEnd(50),
      (!heaviest?.peakBytes ? '-' : `${mebibytes(heaviest.peakBytes)} ${mark(heaviest.peakBytes > GOALS.bytes)} ${where(heaviest)}`)
        .slice(0, 50)
        .padEnd(50),
      (largest?.verdict.itemBytes === undefined ? '-' : `${(largest.verdict.itemBytes / 1000).toFixed(1)} KB`).padEnd(15),
      ...(withApi ? [(api?.apiWorstMs === undefined ? '-' : `${seconds(api.apiWorstMs)} ${mark(api.apiWorstMs > GOALS.apiMs)}`).padEnd(14)] : []),
      failures(own),
    ];
    lines.push(cells.join(' '));
  }
  return lines.join('\n');
}
