import { decodeArticle } from './decode.ts';
import { ArticleDocument } from './document.ts';
import { extractEntities } from './entities/index.ts';
import { detectFormat } from './format.ts';
import { blankRanges, cutRanges, findFurniture } from './furniture.ts';
import { extractHtml } from './html.ts';
import { displayText } from './invisible.ts';
import { extractKeyphrases } from './keyphrases.ts';
import { detectLanguage } from './language.ts';
import { blankMarkdown } from './markdown.ts';
import { bylineName, findDateline, languageCode, textMetadata } from './metadata.ts';
import { parseDate } from './pubdate.ts';
import { splitSentences } from './sentences.ts';
import { DEFAULT_SUMMARY_OPTIONS, summarize } from './summarize.ts';
import { findTitle } from './title.ts';
import { wordCount } from './tokens.ts';
import { MAX_ARTICLE_BYTES, type Analysis, type AnalysisOutcome, type AnalyzeOptions, type ArticleSource, type FailedAnalysis, type Problem, type RemovedLine } from './analysis.ts';
import type { Entity, Keyphrase } from './types.ts';

export * from './analysis.ts';

const HAS_WORD = /[\p{L}\p{N}]/u;

/** What the container of the text (an HTML page, Markdown front matter) already says about the article. */
interface Hints {
  title?: string | null;
  byline?: string | null;
  publishedAt?: string | null;
  siteName?: string | null;
  language?: string | null;
  /** The text has blanked markup in it (Markdown). */
  markup?: boolean;
  /** The text is Lede's own extraction (an HTML page's): furniture lines are cut, not blanked. */
  cutFurniture?: boolean;
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
    if (!HAS_WORD.test(md.text)) return failed('EMPTY', 'The Markdown file holds no readable text.');
    const hints: Hints = {
      title: md.frontMatter.title,
      byline: bylineName(md.frontMatter.author),
      publishedAt: parseDate(md.frontMatter.date),
      language: languageCode(md.frontMatter.lang),
      markup: true,
    };
    const { analysis, removed } = analyze(md.text, options, hints);
    return { ...analysis, encoding, format, furniture: removed, text: decoded.text };
  }
  if (format === 'text') {
    if (!HAS_WORD.test(decoded.text)) return failed('EMPTY', 'The text holds no words: no letter or digit in it.');
    const { analysis, removed } = analyze(decoded.text, options, {});
    return { ...analysis, encoding, format, furniture: removed, text: decoded.text };
  }
  const page = extractHtml(decoded.text);
  if (!HAS_WORD.test(page.text)) return failed('EMPTY', 'The HTML page holds no readable text.');
  const { analysis, removed, text } = analyze(page.text, options, { ...page, cutFurniture: true });
  const warnings = [
    ...(analysis.warnings ?? []),
    { code: 'HTML_TEXT_OFFSETS', message: 'Mention offsets index the text extracted from the HTML page, not the page itself.' },
    ...(page.mainContent
      ? []
      : [{ code: 'HTML_NO_MAIN_CONTENT', message: 'No article block was found in the page; its body text less navigation, headers and footers was analyzed.' }]),
  ];
  return { ...analysis, warnings, encoding, format, furniture: removed, text };
}

/**
 * Analyzes plain article text. Offsets in the result index `text`: page furniture is blanked
 * (replaced by spaces), never cut, before the analysis.
 */
export function analyzeText(text: string, options: AnalyzeOptions = {}, knownTitle?: string | null): Analysis {
  const { analysis, removed } = analyze(text, options, { title: knownTitle });
  return { ...analysis, furniture: removed };
}

function analyze(input: string, options: AnalyzeOptions, hints: Hints): { analysis: Analysis; removed: RemovedLine[]; text: string } {
  const furniture = findFurniture(input);
  // Text Lede extracted (an HTML page's) loses its furniture lines; an upload's own text keeps its
  // offsets: the lines are blanked.
  const cut = hints.cutFurniture ? cutRanges(input, furniture) : null;
  let text = cut?.text ?? blankRanges(input, furniture);
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
  const doc = new ArticleDocument(text, splitSentences(text));
  const english = language.code === 'en' || language.code === 'und';
  const summaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...options.summary, title, lead: !english };
  const summary = summarize(doc, summaryOptions);
  let entities: Entity[] = [];
  let keyphrases: Keyphrase[] = [];
  if (english) {
    entities = withDateline(extractEntities(text, { title, summary }), dateline);
    if (entities.length > MAX_ENTITIES) {
      warnings.push({ code: 'ENTITIES_CUT', message: `${entities.length} entities were found; the ${MAX_ENTITIES} most salient are kept.` });
      entities = entities.slice(0, MAX_ENTITIES);
    }
    keyphrases = extractKeyphrases(doc, { max: options.maxKeyphrases ?? 10, title });
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
  const words = wordCount(text);
  if (!summary.length && words > 0) {
    warnings.push({
      code: 'SUMMARY_EMPTY',
      message: `No summary sentence was found: the sentence splitter found no sentence it could quote${english ? '' : ` (it reads the sentence punctuation of Latin script, Chinese and Japanese; the text reads as '${language.code}')`}.`,
    });
  }
  const quoted = quoteWithin(
    summary.map((s) => displayText(hints.markup ? s.text.replace(/[^\S\n]{2,}/g, ' ').trim() : s.text)),
    title ? displayText(title) : title,
  );
  if (quoted.cut) warnings.push({ code: 'TEXT_CUT', message: `${quoted.cut} ran over ${MAX_QUOTE} characters and was cut.` });
  const byline = shortened(hints.byline ?? meta.byline, MAX_NAME);
  const publishedAt = hints.publishedAt ?? meta.publishedAt;
  const siteName = shortened(hints.siteName, MAX_NAME);
  if (furniture.length) warnings.unshift(furnitureWarning(furniture));
  const removed = furniture.map(({ kind, text: t, begin, end }, i) => {
    const at = cut && furniture.length ? cut.cutAt[i] : undefined;
    return { kind, text: t.length > 120 ? `${t.slice(0, 119)}…` : t, begin: at ?? begin, end: at ?? end };
  });
  const analysis: Analysis = {
    status: 'ok',
    title: quoted.title,
    language: language.code,
    languageConfidence: language.confidence,
    wordCount: words,
    // Markdown's blanked markup leaves runs of spaces inside sentences; plain text is quoted as it is.
    summary: quoted.summary,
    entities,
    keyphrases: keyphrases.map((k) => ({ ...k, text: displayText(k.text) })),
    ...(byline ? { byline: displayText(byline) } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(dateline ? { dateline: displayText(dateline.place) } : {}),
    ...(siteName ? { siteName: displayText(siteName) } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
  return { analysis, removed, text: cut && furniture.length ? text : input };
}

/** Past this many entities a text is a list, not an article: the most salient are kept (a record holds a few hundred at most). */
const MAX_ENTITIES = 1_000;

/** No sentence or title is this long: text without breaks (a megabyte of one word) is cut, not quoted whole into the record. */
const MAX_QUOTE = 2_000;

/** The summary and title within MAX_QUOTE characters each, cut at a space where there is one, and what was cut. */
function quoteWithin(summary: string[], title: string | null): { summary: string[]; title: string | null; cut: string | null } {
  const cutSummary = summary.some((s) => s.length > MAX_QUOTE);
  const cutTitle = (title?.length ?? 0) > MAX_QUOTE;
  return {
    summary: cutSummary ? summary.map((s) => shortened(s)) : summary,
    title: title && cutTitle ? shortened(title) : title,
    cut: cutSummary && cutTitle ? 'A summary sentence and the title' : cutSummary ? 'A summary sentence' : cutTitle ? 'The title' : null,
  };
}

/** A byline or site name (from page metadata) is no longer than this. */
const MAX_NAME = 300;

/** `s` within `max` characters: cut at a space where there is one in its second half, and ended with `…`. */
function shortened<T extends string | null | undefined>(s: T, max = MAX_QUOTE): T {
  if (!s || s.length <= max) return s;
  const space = s.lastIndexOf(' ', max - 1);
  return `${s.slice(0, space > max / 2 ? space : max - 1)}…` as T;
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
  const salience = entities.length ? entities.reduce((low, e) => Math.min(low, e.salience), Infinity) : 0.1;
  return [...entities, { name, type: 'LOCATION', salience, mentions: [{ ...span }] }];
}

function failed(code: string, message: string): FailedAnalysis {
  return { status: 'failed', error: { code, message } };
}
