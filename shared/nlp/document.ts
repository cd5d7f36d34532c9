/**
 * One article as the analysis stages read it, built once by analyze.ts and passed to each stage,
 * as wink-nlp passes its document: the analyzed text, its sentences, and what several stages read
 * of the same sentences (their tokens, content stems and capitalized words), worked out on first
 * use and kept for as long as the document lives. No stage keeps any of it in module state.
 */
import { splitSentences } from './sentences.ts';
import { contentStemsOf, readCapitalizedWords, readTokens, type Token } from './tokens.ts';
import type { Sentence } from './types.ts';

export class ArticleDocument {
  // keyed by the sentence as given (not a copy): the summary and the key phrases pass the same strings
  private readonly tokenMemo = new Map<string, readonly Token[]>();
  private readonly capitalMemo = new Map<string, readonly string[]>();

  constructor(
    /** The text the offsets index, furniture blanked. */
    readonly text: string,
    readonly sentences: Sentence[],
  ) {}

  /** A document of `text` with its sentences split (tests and benchmarks; analyze.ts splits once itself). */
  static of(text: string): ArticleDocument {
    return new ArticleDocument(text, splitSentences(text));
  }

  /** Tokens of a span of the document (a sentence, the title). Do not modify the result. */
  tokens(span: string): readonly Token[] {
    let tokens = this.tokenMemo.get(span);
    if (!tokens) this.tokenMemo.set(span, (tokens = readTokens(span)));
    return tokens;
  }

  /** Stems of the content words of a span. */
  contentStems(span: string): string[] {
    return contentStemsOf(this.tokens(span));
  }

  /** Lower-cased capitalized words of a span, but its first. Do not modify the result. */
  capitalizedWords(span: string): readonly string[] {
    let words = this.capitalMemo.get(span);
    if (!words) this.capitalMemo.set(span, (words = readCapitalizedWords(span)));
    return words;
  }
}
