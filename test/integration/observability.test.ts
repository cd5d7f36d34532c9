import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleArticle, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
const lines: string[] = [];

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  stack = await startTestStack({ logLevel: 'INFO' });
  // Prepare: collect the JSON lines the handlers write (logs and embedded metrics)
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((l) => l.startsWith('{')));
    return true;
  });
  await stack.upload('observed/good.txt', sampleArticle());
  await stack.upload('observed/empty.txt', '');
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
