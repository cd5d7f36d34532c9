import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/nlp/analyze.ts';
import { splitSentences } from '../../shared/nlp/sentences.ts';
import { wordCount } from '../../shared/nlp/tokens.ts';

// Sample news in Chinese and Japanese written for these tests: no spaces between words, sentences
// ended by full-width marks, sometimes inside closing quotes.
const CHINESE =
  '北京时间周三，法国外交部长勒德里昂在巴黎表示，法国希望与俄罗斯保持开放而坚定的对话。他说：“这符合法国的利益。”欧盟各国将于下周在布鲁塞尔举行会议！会议将讨论乌克兰问题吗？分析人士认为会议不会有突破。';
const JAPANESE = '東京で水曜日、首相は記者会見を開いた。首相は経済対策について説明した。「景気は回復している」と述べた。会見は約一時間続いた。';

describe('Chinese and Japanese text', () => {
  it('is split into sentences at full-width end marks, closing quotes kept with their sentence', () => {
    // Act
    const sentences = splitSentences(CHINESE).map((s) => s.text);
    // Assert
    expect(sentences).toEqual([
      '北京时间周三，法国外交部长勒德里昂在巴黎表示，法国希望与俄罗斯保持开放而坚定的对话。',
      '他说：“这符合法国的利益。”',
      '欧盟各国将于下周在布鲁塞尔举行会议！',
      '会议将讨论乌克兰问题吗？',
      '分析人士认为会议不会有突破。',
    ]);
  });

  it('counts every ideograph and kana as a word, as word processors do', () => {
    // Act, Assert
    expect(wordCount('法国外交部长')).toBe(6);
    expect(wordCount('首相は記者会見を開いた。')).toBe(11);
    expect(wordCount('Le Drian 在巴黎')).toBe(5);
  });

  it('gets a summary of whole sentences within the word budget', () => {
    // Act
    const chinese = analyzeText(CHINESE);
    const japanese = analyzeText(JAPANESE);
    // Assert
    expect(chinese.language).toBe('zh');
    expect(chinese.summary.length).toBeGreaterThan(0);
    for (const sentence of chinese.summary) expect(splitSentences(CHINESE).map((s) => s.text)).toContain(sentence);
    expect(chinese.summary.reduce((n, s) => n + wordCount(s), 0)).toBeLessThanOrEqual(120);
    expect(japanese.summary[0]).toBe('東京で水曜日、首相は記者会見を開いた。');
    expect(japanese.warnings?.map((w) => w.code)).not.toContain('SUMMARY_EMPTY');
  });
});
