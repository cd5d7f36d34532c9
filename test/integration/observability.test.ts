import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
const lines: string[] = [];
/** Everything written to stderr meanwhile. */
let stderr = '';

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  stack = await startTestStack({ logLevel: 'INFO' });
  // Prepare: collect the JSON lines the handlers write (logs and embedded metrics)
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((l) => l.startsWith('{')));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    stderr += `${args.join(' ')}\n`;
  });
  await stack.upload('observed/good.txt', sampleArticle());
  await stack.upload('observed/empty.txt', '');
  await stack.bridge.whenIdle();
  await stack.remove('observed/good.txt');
  await stack.bridge.whenIdle();
});

afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  await stack?.close();
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);

describe('observability', () => {
  it('logs each article with its key and version', () => {
    const processed = parsed().filter((l) => l.message === 'article processed');
    expect(processed).toHaveLength(2);
    // a deletion records no metric, and says nothing about metrics
    expect(parsed().filter((l) => /metrics/i.test(String(l.message)))).toEqual([]);
    expect(stderr).not.toContain('No application metrics');
    for (const line of processed) {
      expect(line.key).toMatch(/^observed\//);
      expect(line.version).toEqual(expect.any(String));
      expect(line.level).toBe('INFO');
    }
    expect(processed.find((l) => l.key === 'observed/empty.txt')).toMatchObject({ status: 'failed', error: 'EMPTY' });
  });

  it('emits CloudWatch embedded metrics for processed and failed articles, time and bytes', () => {
    const emf = parsed().filter((l) => l._aws?.CloudWatchMetrics);
    const names = new Set(emf.flatMap((l) => l._aws.CloudWatchMetrics.flatMap((m: { Metrics: { Name: string }[] }) => m.Metrics.map((x) => x.Name))));
    expect([...names].sort()).toEqual(['AnalysisTime', 'ArticleBytes', 'ArticlesFailed', 'ArticlesProcessed']);
    expect(emf.every((l) => l._aws.CloudWatchMetrics[0].Namespace === 'Lede')).toBe(true);
    const total = (name: string) => emf.reduce((n, l) => n + [l[name] ?? []].flat().reduce((a: number, b: number) => a + b, 0), 0);
    expect(total('ArticlesProcessed')).toBe(1);
    expect(total('ArticlesFailed')).toBe(1);
  });
});
