import { ANALYZER_VERSION, type AnalysisOutcome, type Problem } from '../nlp/analysis.ts';
import type { Entity, Keyphrase } from '../nlp/types.ts';

/** What Lede stores for one article, what the API serves and what the CLI prints. */
export interface ArticleRecord {
  key?: string;
  version?: string;
  status: 'ok' | 'failed';
  error?: Problem;
  title: string | null;
  language: string | null;
  languageConfidence?: number;
  wordCount: number;
  summary: string[];
  entities: Entity[];
  keyphrases: Keyphrase[];
  warnings?: Problem[];
  encoding?: string;
  format?: string;
  byline?: string | null;
  dateline?: string | null;
  publishedAt?: string | null;
  siteName?: string | null;
  /** Where, in the texts bucket, the text that mention offsets index is stored. */
  textKey?: string;
  /** When the object was uploaded (the S3 event time); orders the API's listings. */
  uploadedAt?: string;
  bytes?: number;
  processedAt: string;
  analyzerVersion: string;
}

export function toRecord(outcome: AnalysisOutcome, processedAt: Date = new Date()): ArticleRecord {
  const stamp = { processedAt: processedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), analyzerVersion: ANALYZER_VERSION };
  if (outcome.status === 'failed') {
    return { status: 'failed', error: outcome.error, title: null, language: null, wordCount: 0, summary: [], entities: [], keyphrases: [], ...stamp };
  }
  // the text and the furniture lines are the analysis's, not the record's (the texts bucket holds the text)
  const { text: _text, furniture: _furniture, ...record } = outcome;
  return { ...record, ...stamp };
}

export function failedRecord(error: Problem, processedAt: Date = new Date()): ArticleRecord {
  return toRecord({ status: 'failed', error }, processedAt);
}
