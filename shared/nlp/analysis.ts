/**
 * What an analysis is: the result's shape, the analyzer's version and the upload limit. Apart from
 * analyze.ts so that code that only handles results (the processor's main thread, the record
 * model) does not load the analyzer.
 */
import type { FurnitureKind } from './furniture.ts';
import type { SummaryOptions } from './summarize.ts';
import type { Entity, Keyphrase } from './types.ts';

/** Bump on any change that alters analysis output: stored records older than this are re-analyzed. */
export const ANALYZER_VERSION = '0.4.0';

/** Larger objects are refused before they are read: a news story is rarely over 100 KB, a saved page rarely over 2 MB. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export interface Problem {
  code: string;
  message: string;
}

/** A line of page furniture left out of the analysis (blanked: offsets are unchanged). */
export interface RemovedLine {
  kind: FurnitureKind;
  /** The line, cut to 120 characters. */
  text: string;
  begin: number;
  end: number;
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
  /** Who wrote it: a `By ...` line, or the page's author metadata. */
  byline?: string;
  /** ISO 8601 date (`2024-03-05`) or timestamp, from a date line or the page's metadata. */
  publishedAt?: string;
  /** The place of the story's dateline (`PARIS` in `PARIS (Reuters) -`). */
  dateline?: string;
  /** The publication, from an HTML page's metadata. */
  siteName?: string;
  /** Parts of the analysis that were skipped or degraded, and why. */
  warnings?: Problem[];
  encoding?: string;
  format?: 'text' | 'markdown' | 'html';
  /**
   * Page furniture found in the text and left out of the analysis, with offsets. Not part of the
   * record (the API schema is closed): records carry the `FURNITURE_REMOVED` warning instead.
   */
  furniture?: RemovedLine[];
  /**
   * The text mention offsets index: the decoded upload for plain text and Markdown, the text
   * extracted from the page for HTML. Not part of the record: the pipeline stores it beside the
   * record (the texts bucket), and toRecord leaves it out.
   */
  text?: string;
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

