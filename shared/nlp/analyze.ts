import { decodeArticle } from './decode.ts';
import { extractEntities } from './entities/index.ts';
import { detectFormat } from './format.ts';
import { blankRanges, findFurniture, type FurnitureKind } from './furniture.ts';
import { extractHtml } from './html.ts';
import { extractKeyphrases } from './keyphrases.ts';
import { detectLanguage } from './language.ts';
import { blankMarkdown } from './markdown.ts';
import { bylineName, findDateline, languageCode, textMetadata } from './metadata.ts';
import { parseDate } from './pubdate.ts';
import { splitSentences } from './sentences.ts';
import { DEFAULT_SUMMARY_OPTIONS, summarize, type SummaryOptions } from './summarize.ts';
import { findTitle } from './title.ts';
import { forgetSentences, wordCount } from './tokens.ts';
import type { Entity, Keyphrase } from './types.ts';

/** Bump on any change that alters analysis output: stored records older than this are re-analyzed. */
export const ANALYZER_VERSION = '0.3.1';

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
   * Page furniture found in the text and left out of the analysis, with offsets. Not enumerable,
   * like `text`: records carry the `FURNITURE_REMOVED` warning instead (the API schema is closed).
   */
  furniture?: RemovedLine[];
  /**
   * The text mention offsets index: the decoded upload for plain text and Markdown, the text
   * extracted from the page for HTML. Not enumerable, so spreading or serializing the analysis
   * into a record leaves it out: the pipeline stores it beside the record (the texts bucket).
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

/** What the container of the text (an HTML page, Markdown front matter) already says about the article. */
interface Hints {
  title?: string | null;
  byline?: string | null;
  publishedAt?: string | null;
  siteName?: string | null;
  language?: string | null;
  /** The text has blanked markup in it (Markdown). */
  markup?: boolean;
}

/**
 * Analyzes an uploaded object: decodes it, tells plain text, Markdown and HTML apart, extracts the
 * article text, then analyzes it. Offsets index the decoded text for plain text and Markdown
 * (Markdown markup is blanked to spaces, not removed) and the extracted text for HTML (`text`).
 */
export function analyzeArticle(source: ArticleSource, options: AnalyzeOptions = {}): AnalysisOutcome {
  if (source.bytes.length > MAX_ARTICLE_BYTES) {
    return failed('TOO_LARGE', `The object is ${source.bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES}.`);
  }
  const decoded = decodeArticle(source.bytes, source.contentType);
  if (!decoded.ok) return failed(decoded.code, decoded.message);
  const format = detectFormat(decoded.text, source.contentType, source.key);
  const encoding = decoded.encoding;
  if (format === 'markdown') {
    const md = blankMarkdown(decoded.text);
    if (!/[\p{L}\p{N}]/u.test(md.text)) return failed('EMPTY', 'The Markdown file holds no readable text.');
    const hints: Hints = {
      title: md.frontMatter.title,
      byline: bylineName(md.frontMatter.author),
      publishedAt: parseDate(md.frontMatter.date),
      language: languageCode(md.frontMatter.lang),
      markup: true,
    };
    const { analysis, removed } = analyze(md.text, options, hints);
    return withHidden({ ...analysis, encoding, format }, { furniture: removed, text: decoded.text });
  }
  if (format === 'text') {
    const { analysis, removed } = analyze(decoded.text, options, {});
    return withHidden({ ...analysis, encoding, format }, { furniture: removed, text: decoded.text });
  }
  const page = extractHtml(decoded.text);
  if (!/[\p{L}\p{N}]/u.test(page.text)) return failed('EMPTY', 'The HTML page holds no readable text.');
  const { analysis, removed } = analyze(page.text, options, page);
  const warnings = [
    ...(analysis.warnings ?? []),
    { code: 'HTML_TEXT_OFFSETS', message: 'Mention offsets index the text extracted from the HTML page, not the page itself.' },
    ...(page.mainContent
      ? []
      : [{ code: 'HTML_NO_MAIN_CONTENT', message: 'No article block was found in the page; its body text less navigation, headers and footers was analyzed.' }]),
  ];
  return withHidden({ ...analysis, warnings, encoding, format }, { furniture: removed, text: page.text });
}

/**
 * Analyzes plain article text. Offsets in the result index `text`: page furniture is blanked
 * (replaced by spaces), never cut, before the analysis.
 */
export function analyzeText(text: string, options: AnalyzeOptions = {}, knownTitle?: string | null): Analysis {
  const { analysis, removed } = analyze(text, options, { title: knownTitle });
  return withHidden(analysis, { furniture: removed });
}

/** Attaches fields that code can read but that spreading or serializing into a record leaves out. */
function withHidden(analysis: Analysis, hidden: { furniture: RemovedLine[]; text?: string }): Analysis {
  for (const [name, value] of Object.entries(hidden)) {
    if (value !== undefined) Object.defineProperty(analysis, name, { value, enumerable: false, writable: true, configurable: true });
  }
  return analysis;
}

function analyze(input: string, options: AnalyzeOptions, hints: Hints): { analysis: Analysis; removed: RemovedLine[] } {
  const furniture = findFurniture(input);
  let text = blankRanges(input, furniture);
  const warnings: Problem[] = [];
  if (furniture.length && !/[\p{L}\p{N}]/u.test(text)) {
    // Nothing but furniture-like lines: better to analyze them than to return nothing.
    text = input;
    furniture.length = 0;
    warnings.push({ code: 'FURNITURE_KEPT', message: 'Every line looked like page furniture, so none was left out.' });
  }
  const meta = textMetadata(input, furniture);
  const titleFromText = findTitle(text);
  const title = hints.title?.trim() || titleFromText;
  const titleEnd = titleFromText ? text.indexOf(titleFromText) + titleFromText.length : 0;
  const dateline = findDateline(text, titleEnd);
  const language = chooseLanguage(detectLanguage(text), hints.language);
  const sentences = splitSentences(text);
  const english = language.code === 'en' || language.code === 'und';
  const summaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...options.summary, title, lead: !english };
  const summary = summarize(text, sentences, summaryOptions);
  let entities: Entity[] = [];
  let keyphrases: Keyphrase[] = [];
  if (english) {
    entities = withDateline(extractEntities(text, { title, summary }), dateline);
    keyphrases = extractKeyphrases(text, sentences, { max: options.maxKeyphrases ?? 10, title });
  } else {
    warnings.push({
      code: 'ENTITIES_SKIPPED',
      message: `Entities were not extracted: the text reads as language '${language.code}', and the entity tagger is trained on English.`,
    });
    if (summary.length) {
      warnings.push({
        code: 'SUMMARY_LEAD',
        message: `The summary is the article's first sentences: the text reads as language '${language.code}', and the sentence scores are learned on English news.`,
      });
    }
    warnings.push({
      code: 'KEYPHRASES_SKIPPED',
      message: `Key phrases were not extracted: the text reads as language '${language.code}', and the key phrase rules (stop words, stemming, capitalization) are English; on other languages they return fragments of clauses.`,
    });
  }
  forgetSentences();
  const words = wordCount(text);
  if (!summary.length && words > 0) {
    warnings.push({
      code: 'SUMMARY_EMPTY',
      message: `No summary sentence was found: the sentence splitter found no sentence it could quote${english ? '' : ` (it reads the sentence punctuation of Latin script, Chinese and Japanese; the text reads as '${language.code}')`}.`,
    });
  }
  const byline = hints.byline ?? meta.byline;
  const publishedAt = hints.publishedAt ?? meta.publishedAt;
  if (furniture.length) warnings.unshift(furnitureWarning(furniture));
  const removed = furniture.map(({ kind, text: t, begin, end }) => ({ kind, text: t.length > 120 ? `${t.slice(0, 119)}…` : t, begin, end }));
  const analysis: Analysis = {
    status: 'ok',
    title,
    language: language.code,
    languageConfidence: language.confidence,
    wordCount: words,
    // Markdown's blanked markup leaves runs of spaces inside sentences; plain text is quoted as it is.
    summary: summary.map((s) => (hints.markup ? s.text.replace(/[^\S\n]{2,}/g, ' ').trim() : s.text)),
    entities,
    keyphrases,
    ...(byline ? { byline } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(dateline ? { dateline: dateline.place } : {}),
    ...(hints.siteName ? { siteName: hints.siteName } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
  return { analysis, removed };
}

/** One warning that says which furniture lines were left out: kind and text, cut to fit. */
function furnitureWarning(lines: Array<{ kind: string; text: string }>): Problem {
  const listed: string[] = [];
  let length = 0;
  for (const { kind, text } of lines) {
    const item = `${kind} “${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
    if (length + item.length > 400) {
      listed.push(`and ${lines.length - listed.length} more`);
      break;
    }
    listed.push(item);
    length += item.length + 2;
  }
  const n = lines.length;
  return {
    code: 'FURNITURE_REMOVED',
    message: `${n} line${n === 1 ? '' : 's'} of page furniture left out of the analysis (blanked; offsets unchanged): ${listed.join('; ')}`,
  };
}

/**
 * The text decides, but a language the page or front matter declares stands when the text is too
 * short to judge (the detector then falls back to English by default).
 */
function chooseLanguage(detected: { code: string; confidence: number; method?: string }, declared: string | null | undefined) {
  if (declared && detected.method === 'default' && declared !== detected.code) return { code: declared, confidence: 0.5 };
  return { code: detected.code, confidence: detected.confidence };
}

/**
 * The dateline's place is a location of the story: make sure the entities say so. The agency in
 * its brackets (`(Reuters)`) is a credit, not something the story mentions: those mentions go.
 */
function withDateline(found: Entity[], dateline: ReturnType<typeof findDateline>): Entity[] {
  if (!dateline) return found;
  const { span, sourceSpan } = dateline;
  let entities = found;
  if (sourceSpan) {
    const outside = (m: { begin: number; end: number }) => m.end <= sourceSpan.begin || m.begin >= sourceSpan.end;
    entities = found
      .map((e) => (e.mentions.every(outside) ? e : { ...e, mentions: e.mentions.filter(outside) }))
      .filter((e) => e.mentions.length > 0);
  }
  if (entities.some((e) => e.mentions.some((m) => m.begin < span.end && m.end > span.begin))) return entities;
  const name = /\p{Ll}/u.test(span.text) ? span.text : span.text.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  const same = entities.find((e) => e.type === 'LOCATION' && e.name.toLowerCase() === name.toLowerCase());
  if (same) {
    same.mentions = [{ ...span }, ...same.mentions];
    return entities;
  }
  const salience = entities.length ? Math.min(...entities.map((e) => e.salience)) : 0.1;
  return [...entities, { name, type: 'LOCATION', salience, mentions: [{ ...span }] }];
}

function failed(code: string, message: string): FailedAnalysis {
  return { status: 'failed', error: { code, message } };
}
