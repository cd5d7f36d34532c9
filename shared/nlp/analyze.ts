import { decodeArticle } from './decode.ts';
import { extractEntities } from './entities/index.ts';
import { htmlToText, looksLikeHtml } from './html.ts';
import { extractKeyphrases } from './keyphrases.ts';
import { detectLanguage } from './language.ts';
import { splitSentences } from './sentences.ts';
import { DEFAULT_SUMMARY_OPTIONS, summarize, type SummaryOptions } from './summarize.ts';
import { findTitle } from './title.ts';
import type { Entity, Keyphrase } from './types.ts';

/** Bump on any change that alters analysis output: stored records older than this are re-analyzed. */
export const ANALYZER_VERSION = '0.1.0';

/** Larger objects are refused before they are read: a news story is rarely over 100 KB, a saved page rarely over 2 MB. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export interface Problem {
  code: string;
  message: string;
}

export interface Analysis {
  status: 'ok';
  title: string | null;
  language: string;
  languageConfidence: number;
  wordCount: number;
  summary: string[];
  entities: Entity[];
  keyphrases: Keyphrase[];
  /** Parts of the analysis that were skipped or degraded, and why. */
  warnings?: Problem[];
  encoding?: string;
  format?: 'text' | 'html';
}

export interface FailedAnalysis {
  status: 'failed';
  error: Problem;
}

export type AnalysisOutcome = Analysis | FailedAnalysis;

export interface AnalyzeOptions {
  summary?: Partial<SummaryOptions>;
  maxKeyphrases?: number;
}

export interface ArticleSource {
  bytes: Uint8Array;
  contentType?: string;
  key?: string;
}

/** Analyzes an uploaded object: decodes it, extracts text from HTML, then analyzes the text. */
export function analyzeArticle(source: ArticleSource, options: AnalyzeOptions = {}): AnalysisOutcome {
  if (source.bytes.length > MAX_ARTICLE_BYTES) {
    return failed('TOO_LARGE', `The object is ${source.bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES}.`);
  }
  const decoded = decodeArticle(source.bytes);
  if (!decoded.ok) return failed(decoded.code, decoded.message);
  if (!looksLikeHtml(decoded.text, source.contentType, source.key)) {
    return { ...analyzeText(decoded.text, options), encoding: decoded.encoding, format: 'text' };
  }
  const page = htmlToText(decoded.text);
  if (!page.text.trim()) return failed('EMPTY', 'The HTML page holds no readable text.');
  const analysis = analyzeText(page.text, options, page.title);
  const warning = { code: 'HTML_TEXT_OFFSETS', message: 'Mention offsets index the text extracted from the HTML page, not the page itself.' };
  return { ...analysis, encoding: decoded.encoding, format: 'html', warnings: [...(analysis.warnings ?? []), warning] };
}

/** Analyzes plain article text. Offsets in the result index `text`. */
export function analyzeText(text: string, options: AnalyzeOptions = {}, knownTitle?: string | null): Analysis {
  const title = knownTitle ?? findTitle(text);
  const language = detectLanguage(text);
  const sentences = splitSentences(text);
  const summaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...options.summary, title };
  const summary = summarize(text, sentences, summaryOptions);
  const warnings: Problem[] = [];
  let entities: Entity[] = [];
  if (language.code === 'en' || language.code === 'und') {
    entities = extractEntities(text, { title, summary });
  } else {
    warnings.push({
      code: 'ENTITIES_SKIPPED',
      message: `Entities were not extracted: the text reads as language '${language.code}', and the entity tagger is trained on English.`,
    });
  }
  return {
    status: 'ok',
    title,
    language: language.code,
    languageConfidence: language.confidence,
    wordCount: countWords(text),
    summary: summary.map((s) => s.text),
    entities,
    keyphrases: extractKeyphrases(text, sentences, { max: options.maxKeyphrases ?? 10, title }),
    ...(warnings.length ? { warnings } : {}),
  };
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

function failed(code: string, message: string): FailedAnalysis {
  return { status: 'failed', error: { code, message } };
}
