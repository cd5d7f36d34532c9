/** DATE and QUANTITY mentions, found by rules (the tagger covers names only). */
import type { EntityType, Mention } from '../types.ts';

export interface TypedMention extends Mention {
  type: EntityType;
}

const MONTH = '(?:January|February|March|April|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
// each starts at a word's first character (`\b(?=\w)`, put in front of them all below)
const DATE_PATTERNS = [
  `\\d{4}-\\d{2}-\\d{2}\\b`,
  `\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})\\b`,
  // Wednesday, November 3, 2019 / 3 November 2019 / November 2019 / May 5
  `(?:${DAY},? )?(?:\\d{1,2}(?:st|nd|rd|th)? (?:of )?)?(?:${MONTH}|May)(?: \\d{1,2}(?:st|nd|rd|th)?(?!\\d))?(?:,? ${YEAR})?(?![\\p{L}])`,
  `${DAY}(?![\\p{L}])`,
  `(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\\s(?:week|month|year|decade|century|spring|summer|autumn|fall|winter|${DAY}|${MONTH})\\b`,
  `(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\\b`,
  `(?:in|since|by|until|from|before|after|during|of|the) (?:the )?(?:early |late |mid-)?${YEAR}s?\\b`,
  `\\d+ (?:days|weeks|months|years|decades) ago\\b`,
];
// one word-start test for all the patterns: the engine passes over the other positions at once
const DATE_RE = new RegExp(`\\b(?=\\w)(?:${DATE_PATTERNS.join('|')})`, 'gu');

const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?`;
const SCALE = `(?:\\s(?:thousand|million|billion|trillion|mln|bln|m|bn))`;
const UNIT =
  `(?:%|\\s?(?:per\\s?cent|percent|percentage points?|points?|pct|km|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot|inches|kg|kilograms?|pounds|tonnes?|tons?|litres?|liters?|barrels?|acres?|hectares?|degrees?|people|years? old|dollars|euros|yen|shares|votes|seats|troops|soldiers|votes|runs|goals|minutes|hours|days|weeks|months|years)\\b)`;
const QUANTITY_PATTERNS = [
  // currency amounts: $5, US$ 3.2 billion, £40m, €1,000, 5 million dollars
  `(?:US\\$|A\\$|C\\$|\\$|£|€|¥)\\s?${NUMBER}${SCALE}?(?![\\p{L}\\d])`,
  // `(?=\d)` first changes no match (a number starts with a digit) but lets the engine pass over
  // the positions where none starts: the pattern runs twice as fast
  `(?=\\d)\\b${NUMBER}${SCALE}?\\s(?:dollars|euros|pounds sterling|yen|francs|marks|rupees|roubles|yuan)\\b`,
  `(?=\\d)\\b${NUMBER}${SCALE}?${UNIT}`,
];
// every match starts with a digit or a currency sign (`US$`): one class test passes over the rest
const QUANTITY_RE = new RegExp(`(?=[\\d$£€¥UuAaCc])(?:${QUANTITY_PATTERNS.join('|')})`, 'giu');

function matches(text: string, re: RegExp, type: EntityType, out: TypedMention[]): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    let value = m[0];
    let begin = m.index ?? 0;
    // leading prepositions belong to the sentence, not the date
    const lead = /^(?:in|since|by|until|from|before|after|during|of|the)\s(?:the\s)?/i.exec(value);
    if (type === 'DATE' && lead) {
      begin += lead[0].length;
      value = value.slice(lead[0].length);
    }
    value = value.replace(/\s+$/, '');
    if (!value) continue;
    // a bare capitalized "May" is the verb as often as the month
    if (type === 'DATE' && /^May$/i.test(value)) continue;
    out.push({ type, text: text.slice(begin, begin + value.length), begin, end: begin + value.length });
  }
}

/** DATE and QUANTITY mentions of the text, not overlapping each other. */
export function findDatesAndQuantities(text: string): TypedMention[] {
  const found: TypedMention[] = [];
  matches(text, DATE_RE, 'DATE', found);
  matches(text, QUANTITY_RE, 'QUANTITY', found);
  found.sort((a, b) => a.begin - b.begin || b.end - a.end);
  const out: TypedMention[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.begin < last.end) continue;
    out.push(m);
  }
  return out;
}
