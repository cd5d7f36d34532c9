import type { Sentence } from './types.ts';
import { isSpace, wordCount } from './tokens.ts';

/**
 * Sentence splitter for news text. One pass over the text, linear in its length.
 *
 * - Lines are units of their own: a sentence never runs across a blank line, and a single
 *   line break only continues a sentence when the next line starts in lower case (hard-wrapped text).
 * - Page furniture (share counters, "Advertisement", newsletter prompts, bylines, photo credits)
 *   comes out as kind 'furniture'; a short line without final punctuation as kind 'heading'.
 * - A leading dateline (`(CNN) --`, `Washington (CNN)`, `PARIS –`) is a 'furniture' unit of its own.
 * - Inside a line, a break is a `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
 *   white space and a capital, digit or opening quote, unless the word before is an abbreviation
 *   (`Mr.`, `Jan. 5`), an initial (`J. Smith`) or a dotted acronym not followed by a typical
 *   sentence opener (`U.S. Navy` vs `the U.S. The`).
 */
export function splitSentences(text: string): Sentence[] {
  const units: Sentence[] = [];
  const lines = joinedLines(text);
  let firstContent = true;
  for (let li = 0; li < lines.length; li++) {
    let [begin, end] = lines[li];
    const line = text.slice(begin, end);
    const kind = classifyLine(line);
    if (kind === 'furniture') {
      units.push({ text: line, begin, end, kind });
      continue;
    }
    if (firstContent || li <= 3) {
      const dateline = datelineLength(line);
      if (dateline > 0) {
        const trimmed = line.slice(0, dateline).trimEnd();
        units.push({ text: trimmed, begin, end: begin + trimmed.length, kind: 'furniture' });
        begin += dateline;
      }
    }
    firstContent = false;
    const pieces = splitLine(text, begin, end);
    if (kind === 'heading' && pieces.length === 1) {
      units.push({ text: pieces[0].text, begin: pieces[0].begin, end: pieces[0].end, kind: 'heading' });
      continue;
    }
    // fields copied by name: object rest and spread are slow in V8, and this runs once per sentence
    for (const { text: piece, begin, end, caption } of pieces) {
      units.push({ text: piece, begin, end, kind: caption || isFurnitureSentence(piece) ? 'furniture' : 'sentence' });
    }
  }
  return units;
}

/** Trimmed [begin, end) ranges of the non-empty lines; a line continues when the next one starts in lower case. */
function joinedLines(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const begin = m.index + lead;
    const end = begin + trimmed.length;
    const previous = out[out.length - 1];
    if (
      previous &&
      /^[a-z]/.test(trimmed) &&
      !/[.!?…:"”’]$/.test(text.slice(previous[0], previous[1])) &&
      !text.slice(previous[1], begin).includes('\n\n') &&
      !/\n\s*\n/.test(text.slice(previous[1], begin))
    ) {
      previous[1] = end;
      continue;
    }
    out.push([begin, end]);
  }
  return out;
}

const FURNITURE_LINE: RegExp[] = [
  /^[-–—*•|\s]*(advertisement|advert|sponsored(?: content)?|ad|story continues below|continue reading)[-–—*•|\s]*$/i,
  /^[\d.,\s]*(?:[\d.,]+\s*[km]?\s*(?:shares?|comments?|views?|likes?)?)$/i,
  /^(?:share|tweet|email|print|pin|comments?|save)(?: this(?: article| story| page)?)?(?: on \w+)?[\s:|]*$/i,
  /^(?:subscribe|sign up|get real time updates|follow us|click here|read more|related|related articles|related stories|recommended|most (?:read|popular)|more from|trending|watch|listen)\b/i,
  /\bnewsletter\b|\bsubscribe now\b|\bin your inbox\b|\bdirectly to your inbox\b|\bon your device\b/i,
  /^(?:by|written by|reporting by|reported by|posted by|photos? by|words by)\s+[A-Z][^.!?]{0,60}$/i,
  /^(?:published|updated|last updated|posted|first published)\s*:?\s*(?:\d|on\b|at\b|[a-z]+day\b|\.|$)/i,
  /^(?:image|photo|picture|video)\s*(?:copyright|caption|credit|source)\b/i,
  /^(?:photograph|photo|image|source|credit|getty images|reuters|ap|afp)\s*[:/(]/i,
  /^\(?(?:ap|afp|reuters|getty|epa|pa)(?: images?| photo)?[/)][^.!?]*$/i,
  /^(?:all rights reserved|copyright|©)/i,
  /^(?:loading|please enable javascript|cookies?\b)/i,
];

function classifyLine(line: string): 'furniture' | 'heading' | 'sentence' {
  const words = line.length > 2000 ? Infinity : wordCount(line);
  if (words <= 30 && FURNITURE_LINE.some((re) => re.test(line))) return 'furniture';
  if (!/[\p{L}]/u.test(line)) return 'furniture';
  if (words <= 20 && !/[.!?…:;,"”’)\]。！？」』）]$/.test(line) && !/[.!?]["”’)\]]?\s+["“‘(]?[A-Z]/.test(line)) return 'heading';
  return 'sentence';
}

const FURNITURE_SENTENCE: RegExp[] = [
  /contributed to this (?:report|story)\.?["”]?$/i,
  /^(?:click here|scroll down|read more|watch the video|see more|follow \w+ on twitter)/i,
  /\b(?:sign up for|subscribe to) (?:our|the) .*newsletter/i,
];

function isFurnitureSentence(text: string): boolean {
  return text.length < 300 && FURNITURE_SENTENCE.some((re) => re.test(text));
}

/** Length of a dateline at the start of `line` (0 when none), including the separator and following space. */
function datelineLength(line: string): number {
  const cnn = /^(?:[A-Z][\p{L}.'’-]*(?:[ ,]+[A-Z][\p{L}.'’-]*){0,4}\s*)?\((?:CNN|CNN Money|CNNMoney|Reuters|AP|AFP|EW\.com|CNET)\)\s*(?:--|—|–|-)?\s*/u.exec(
    line,
  );
  if (cnn && cnn[0].length < line.length) return cnn[0].length;
  // `(The Hollywood Reporter)Stan Freberg …`: a source credit glued to the first word.
  const credit = /^\((?:The )?[A-Z][\p{L}.&' ]{1,40}\)(?=[A-Z"“‘])/u.exec(line);
  if (credit) return credit[0].length;
  const caps = /^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\p{L}.'’-]*){0,3}\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–|-)\s+(?=\S)/u.exec(line);
  if (caps && caps[0].length < 60) return caps[0].length;
  return 0;
}

/** Always abbreviations: never end a sentence. */
const TITLES = new Set(
  (
    'mr mrs ms dr prof sen rep gov gen lt col capt sgt cpl adm maj rev st mt ft pres supt det insp cmdr ' +
    'gens reps sens messrs mme mlle hon atty brig spc pvt pfc sr jr esq gov gen fr sec ret cmdr cdr lieut ' +
    'no nos vol vols fig figs approx vs v etc al ca cf dept est univ assn bros ave blvd rd hwy'
  ).split(' '),
);
/** Abbreviations that end a sentence only when a typical opener follows. */
const SOMETIMES = new Set(
  'inc co corp ltd llc plc jr sr etc al bros p a m jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
const MONTHS = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));

/** Words that commonly open a sentence: after an ambiguous abbreviation they signal a break. */
const OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our my this that these those there here but and ' +
    'so yet or in on at as after before when while if although though since because for from with by to ' +
    'of what who why how where which one two three some many most all no not now then still also even ' +
    'however meanwhile police officials authorities last earlier later today yesterday'
  ).split(' '),
);

interface Piece {
  text: string;
  begin: number;
  end: number;
  /** Run into the next sentence without punctuation: a caption or a dateline. */
  caption?: boolean;
}

/**
 * A break: terminal punctuation, closing quotes, white space (or none, between a lower-case word
 * and a capitalized one: `heard.Shocking`), then an opening. The runs are bounded: where a match
 * fails, the engine tries again from the next character, and an unbounded run would be read again
 * each time (a megabyte of `!` would cost its square); no sentence ends in more than 16 marks.
 */
const BREAK = /([.!?…]{1,16})(["'”’)\]]{0,16})(\s+|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{Ll}))(?=(["'“‘(\[]*)([\p{Lu}\p{N}]))/gu;

function splitLine(text: string, begin: number, end: number): Piece[] {
  const line = text.slice(begin, end);
  const pieces: Piece[] = [];
  let start = 0;
  BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BREAK.exec(line))) {
    const punct = m[1];
    const stop = m.index + punct.length + m[2].length;
    if (isBreak(line, m.index, punct, m[2], m.index + m[0].length)) {
      const piece = line.slice(start, stop);
      if (piece.trim()) pieces.push({ text: piece, begin: begin + start, end: begin + stop });
      start = m.index + m[0].length;
    }
  }
  if (start < line.length) {
    const piece = line.slice(start);
    pieces.push({ text: piece, begin: begin + start, end });
  }
  // each step appends to one array (flatMap would make an array per piece)
  const stops: Piece[] = [];
  for (const piece of pieces) splitAtFullStops(piece, stops);
  const out: Piece[] = [];
  for (const piece of stops) splitGlued(piece, out);
  return out;
}

/** A full-width end mark (Chinese, Japanese) with any closing quotes or brackets: it ends a sentence with no space after it. */
const FULL_STOP = /[。！？]+[」』”’）)\]]*/g;

/** Appends to `out` the sentences of `piece` ended by a full-width end mark. */
function splitAtFullStops(piece: Piece, out: Piece[]): void {
  FULL_STOP.lastIndex = 0;
  if (!FULL_STOP.test(piece.text)) {
    out.push(piece);
    return;
  }
  const { text } = piece;
  const contentEnd = text.trimEnd().length;
  let start = 0;
  FULL_STOP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FULL_STOP.exec(text))) {
    const stop = m.index + m[0].length;
    if (stop >= contentEnd) break;
    out.push({ text: text.slice(start, stop), begin: piece.begin + start, end: piece.begin + stop });
    start = stop;
    while (isSpace(text.charCodeAt(start))) start++;
    FULL_STOP.lastIndex = start;
  }
  out.push({ text: text.slice(start), begin: piece.begin + start, end: piece.end, caption: piece.caption });
}

/**
 * Scraped pages often run a photo caption (or a dateline) into the next sentence with no
 * punctuation: `… higher than a colleague The cost of divorce …`. A lower-case word followed by a
 * capitalized sentence opener and a lower-case word marks such a seam; what comes before it is a caption.
 */
const GLUE =
  /\s+(?=(?:Scroll down for|The|A|An|He|She|It|They|We|But|In|Police|His|Her|Their|This|Scroll|When|After|Officials|Now|Some|More|One|Two) [\p{Ll}])/gu;
/**
 * The character before a seam. Checked on each GLUE match rather than as a lookbehind in GLUE: a
 * pattern that opens with a lookbehind is tried at every character, one that opens with `\s` only at spaces.
 */
const GLUE_AFTER = /[\p{Ll}\d%)’']$/u;

/**
 * `text.slice(from, end)` ends a quotation (`[\s‘'][^‘']*[’']$`): before its closing quote, white
 * space or an opening quote comes sooner than the start. Read backwards, so only the last word.
 */
function opensQuotation(text: string, from: number, end: number): boolean {
  for (let k = end - 2; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x2018 || c === 39 || isSpace(c)) return true;
  }
  return false;
}

const GLUE_AFTER_NOT = new Set(
  'of the a an and or to in on at by for from with as into onto than that which who said says told called named dubbed number plan'.split(' '),
);

/** Appends to `out` the captions glued into `piece` and the rest of it. */
function splitGlued(piece: Piece, out: Piece[]): void {
  let start = 0;
  const scroll = /^(?:Scroll down for (?:video|more(?: videos?)?)|Scroll down(?: to (?:see|watch) [a-z ]+)?|Watch the video below)\s+(?=\S)/i.exec(piece.text);
  if (scroll) {
    const trimmed = scroll[0].trimEnd();
    out.push({ text: trimmed, begin: piece.begin, end: piece.begin + trimmed.length, caption: true });
    start = scroll[0].length;
  }
  const { text } = piece;
  GLUE.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = GLUE.exec(text))) {
    // Each check reads only the word before the seam, never all the text before it: a long piece
    // with many seams that are turned down would otherwise cost the square of its length.
    const seam = m.index;
    if (seam <= start || !GLUE_AFTER.test(text.slice(Math.max(start, seam - 2), seam))) continue;
    let wordStart = seam;
    while (wordStart > start && !isSpace(text.charCodeAt(wordStart - 1))) wordStart--;
    const last = text.slice(wordStart, seam);
    if (GLUE_AFTER_NOT.has(last.toLowerCase())) continue; // `Commissioner of Police`
    const after = text.slice(seam + m[0].length, seam + m[0].length + 12);
    if (/^(?:A|An|One|Two) (?:and|or|to)\b/.test(after) || (/^An? /.test(after) && last.includes('-'))) continue; // `images A and B`, `infra-red A rays`
    if (/^\p{Lu}/u.test(last) && !/^(?:The|He|She|It|They|But) /.test(after)) continue; // `Serie A teams`
    // A quotation closing with ’ or ' is only a seam when it is not an apostrophe in a word.
    if (/[’']$/.test(last) && !opensQuotation(text, start, seam)) continue;
    out.push({ text: text.slice(start, seam), begin: piece.begin + start, end: piece.begin + seam, caption: true });
    start = seam + m[0].length;
  }
  if (start === 0) out.push(piece);
  else if (start < piece.text.length) out.push({ text: piece.text.slice(start), begin: piece.begin + start, end: piece.end });
}

const FOLLOWING = /["'“‘(\[]*([\p{L}\p{N}]+)/uy;

function isBreak(line: string, at: number, punct: string, closers: string, next: number): boolean {
  if (/^(?:\.{3,}|…)$/.test(punct) && !closers) return false; // `trailing off ... Then` is mid-sentence in news quotes
  if (punct !== '.') return true;
  // The word the period ends.
  let s = at;
  while (s > 0 && at - s < 40 && !isWordGap(line.charCodeAt(s - 1))) s--;
  const word = line.slice(s, at).replace(/^["'“‘(\[]+/, '');
  const lower = word.toLowerCase();
  FOLLOWING.lastIndex = next;
  const following = FOLLOWING.exec(line)?.[1] ?? '';
  const opener = OPENERS.has(following.toLowerCase()) && following.length > 0;
  const nextIsDigit = /^\p{N}/u.test(following);
  if (closers) return true; // `... ended." He` : a closing quote after the period ends the sentence.
  if (!word) return true;
  if (/^\p{Lu}$/u.test(word)) {
    // An initial (`J. Smith`); a single capital ending a sentence is rare.
    return opener && following !== 'A' && following !== 'I';
  }
  if (MONTHS.has(lower)) return !nextIsDigit && opener;
  if (TITLES.has(lower) && !SOMETIMES.has(lower)) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    // Dotted acronym: U.S, U.N, a.m, p.m, D.C
    if (/^[ap]\.m$/i.test(word)) {
      return !/^(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|MT|GMT|BST|CET|UTC|local|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/.test(following);
    }
    return opener;
  }
  if (SOMETIMES.has(lower)) return opener;
  if (nextIsDigit && /^(?:no|p|pp|vol|ch|art|sec|fig)$/i.test(lower)) return false;
  return true;
}

/** The spaces that end the word before a period (a narrower set than `\s`, kept as the splitter was tuned). */
function isWordGap(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160 || code === 0x2009 || code === 0x202f;
}
