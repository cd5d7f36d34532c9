import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisDeferredError, IsolatedAnalyzer } from '../../shared/pipeline/isolated-analysis.ts';

const article = (text: string) => ({ bytes: new TextEncoder().encode(text) });
const NEWS = 'Angela Merkel met Emmanuel Macron in Paris on Monday. They spoke about trade.';
/** Five megabytes of news-like text: its analysis takes well over a second on any machine. */
const LONG = article('Angela Merkel met Emmanuel Macron in Paris on Monday. '.repeat(95_000));

let analyzer: IsolatedAnalyzer | undefined;
afterEach(() => analyzer?.close());

describe('IsolatedAnalyzer', () => {
  it('analyzes on its thread, with the text the offsets index', async () => {
    // Prepare
    analyzer = new IsolatedAnalyzer();
    // Act
    const outcome = await analyzer.analyze(article(NEWS));
    // Assert
    expect(outcome.status).toBe('ok');
    expect(outcome.status === 'ok' && outcome.text).toBe(NEWS);
    expect(outcome.status === 'ok' && outcome.entities.map((e) => e.name)).toContain('Angela Merkel');
  });

  it('analyzes HTML whatever the working directory (the thread resolves packages from its own files)', async () => {
    // Prepare
    analyzer = new IsolatedAnalyzer();
    const cwd = process.cwd();
    process.chdir(tmpdir());
    // Act
    const outcome = await analyzer.analyze({ ...article(`<html><body><p>${NEWS}</p></body></html>`), contentType: 'text/html' }).finally(() => process.chdir(cwd));
    // Assert
    expect(outcome.status === 'ok' && outcome.text).toBe(NEWS);
  });

  it('stops an analysis over the time budget with TOO_COMPLEX, and goes on with the next one', async () => {
    // Prepare
    analyzer = new IsolatedAnalyzer({ timeMs: 500, heapMb: 384 });
    // Act
    const [long, next] = await Promise.all([analyzer.analyze(LONG), analyzer.analyze(article(NEWS))]);
    // Assert
    expect(long).toMatchObject({ status: 'failed', error: { code: 'TOO_COMPLEX' } });
    expect(long.status === 'failed' && long.error.message).toContain('took longer than 0.5 s');
    expect(next.status).toBe('ok');
  });

  it('stops an analysis over the memory budget with TOO_COMPLEX, and goes on with the next one', async () => {
    // Prepare
    analyzer = new IsolatedAnalyzer({ timeMs: 60_000, heapMb: 24 });
    // Act
    const long = await analyzer.analyze(LONG);
    // Assert
    expect(long).toMatchObject({ status: 'failed', error: { code: 'TOO_COMPLEX' } });
    expect(long.status === 'failed' && long.error.message).toContain('more than 24 MB of memory');
  });

  it('defers an analysis that could not have its whole budget before the deadline', async () => {
    // Prepare
    analyzer = new IsolatedAnalyzer({ timeMs: 10_000, heapMb: 384 });
    // Act
    const deferred = analyzer.analyze(article(NEWS), { deadline: Date.now() + 5_000 });
    // Assert
    await expect(deferred).rejects.toBeInstanceOf(AnalysisDeferredError);
  });
});
