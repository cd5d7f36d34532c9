/**
 * The Porter stemmer of `natural` (lib/natural/stemmers/porter_stemmer.js, v8), transcribed step
 * for step so that it gives the same stem for every string, quirks included (a `y` after a
 * consonant run counts as a vowel group, half measures, step 2 applying several rules in turn),
 * but without its per-call regular expressions: the summary and the key phrases stem every word
 * on its first sight, and natural's stemmer was most of that cost. test/unit/porter.test.ts
 * checks it against natural.
 *
 * natural: Copyright (c) 2011, Chris Umbel, MIT licence (the notice is in its package).
 */

/** a, e, i, o, u (not y), by UTF-16 code. */
function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/**
 * natural's `categorizeGroups`: `V` per run of vowels and per consonant run followed by `y` (the
 * `y`), `C` for each run of anything else; its three regular-expression replacements, in one pass.
 */
function categorizeGroups(token: string): string {
  let out = '';
  let other = false; // an unwritten run of non-V symbols
  for (let i = 0; i < token.length; ) {
    const c = token.charCodeAt(i);
    if (isVowel(c)) {
      if (other) (out += 'C'), (other = false);
      while (i < token.length && isVowel(token.charCodeAt(i))) i++;
      out += 'V';
    } else if (c === 121) {
      // a `y` not after a consonant run
      other = true;
      i++;
    } else {
      let j = i;
      while (j < token.length && !isVowel(token.charCodeAt(j)) && token.charCodeAt(j) !== 121) j++;
      other = true;
      if (j < token.length && token.charCodeAt(j) === 121) {
        // the run and its `y`: `CV`
        (out += 'CV'), (other = false);
        j++;
      }
      i = j;
    }
  }
  return other ? out + 'C' : out;
}

/** natural's `categorizeChars`: `V` per vowel and per `y` after a consonant, `C` per other character. */
function categorizeChars(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const vowel = isVowel(c) || (c === 121 && i > 0 && !isVowel(token.charCodeAt(i - 1)) && token.charCodeAt(i - 1) !== 121);
    out += vowel ? 'V' : 'C';
  }
  return out;
}

/** The measure M (VC sequences, a leading C and a trailing V dropped; -1 for no token). */
function measure(token: string | null): number {
  if (!token) return -1;
  const groups = categorizeGroups(token);
  const start = groups.charCodeAt(0) === 67 ? 1 : 0; // C
  let end = groups.length;
  if (end > start && groups.charCodeAt(end - 1) === 86) end--; // V
  return (end - start) / 2;
}

/** Ends in a doubled non-vowel (`happ`). */
function endsWithDoubleConsonant(token: string): boolean {
  const n = token.length;
  return n >= 2 && token.charCodeAt(n - 1) === token.charCodeAt(n - 2) && !isVowel(token.charCodeAt(n - 1));
}

/** `token` with the suffix `pattern` replaced, or null when it does not end so ('' counts as no result). */
function replaceSuffix(token: string, pattern: string, replacement: string): string | null {
  return token.endsWith(pattern) ? token.slice(0, token.length - pattern.length) + replacement || null : null;
}

/**
 * natural's `replacePatterns`: every rule whose stripped stem has a measure above the threshold
 * (measured on the original token) is applied in turn to the result so far.
 */
function replacePatterns(token: string, rules: ReadonlyArray<readonly [string, string]>, threshold: number): string {
  let result = token;
  for (const [pattern, replacement] of rules) {
    if (measure(replaceSuffix(token, pattern, '')) > threshold) result = replaceSuffix(result, pattern, replacement) || result;
  }
  return result;
}

function step1a(token: string): string {
  if (token.endsWith('sses') || token.endsWith('ies')) return token.slice(0, -2);
  if (token.endsWith('s') && token.charAt(token.length - 2) !== 's' && token.length > 2) return token.slice(0, -1);
  return token;
}

const STEP1B_RULES = [
  ['at', 'ate'],
  ['bl', 'ble'],
  ['iz', 'ize'],
] as const;

function step1b(token: string): string {
  if (token.endsWith('eed')) return measure(token.slice(0, -3)) > 0 ? token.slice(0, -1) : token;
  const suffix = token.endsWith('ed') ? 2 : token.endsWith('ing') ? 3 : 0;
  const stem = suffix ? token.slice(0, -suffix) : '';
  if (!stem || !categorizeGroups(stem).includes('V')) return token;
  let result = stem;
  for (const [pattern, replacement] of STEP1B_RULES) result = replaceSuffix(result, pattern, replacement) || result;
  if (result !== stem) return result;
  const last = stem.charCodeAt(stem.length - 1);
  if (endsWithDoubleConsonant(stem) && last !== 108 && last !== 115 && last !== 122) return stem.slice(0, -1); // not l, s, z
  if (measure(stem) === 1 && categorizeChars(stem).endsWith('CVC') && last !== 119 && last !== 120 && last !== 121) return stem + 'e'; // not w, x, y
  return stem;
}

function step1c(token: string): string {
  if (!token.endsWith('y')) return token;
  const groups = categorizeGroups(token);
  return groups.slice(0, -1).includes('V') ? token.slice(0, -1) + 'i' : token;
}

const STEP2_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['abli', 'able'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'],
  ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'],
  ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];

const STEP3_RULES: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];

const STEP4_SUFFIX = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;

function step4(token: string): string {
  const suffix = STEP4_SUFFIX.exec(token);
  if (suffix && measure(suffix[1]) > 1) return suffix[1];
  const ion = STEP4_ION.exec(token);
  if (ion && measure(ion[1] + ion[2]) > 1) return ion[1] + ion[2];
  return token;
}

function step5a(token: string): string {
  const stripped = token.endsWith('e') ? token.slice(0, -1) : token;
  const m = measure(stripped);
  if (m > 1 || (m === 1 && !(categorizeChars(token).substr(-4, 3) === 'CVC' && /[^wxy].$/.test(token)))) return stripped;
  return token;
}

function step5b(token: string): string {
  return measure(token) > 1 && token.endsWith('ll') ? token.slice(0, -1) : token;
}

/** Porter stem of `token`, as natural's `PorterStemmer.stem` gives it. */
export function porterStem(token: string): string {
  if (token.length < 3) return token;
  const lower = token.toLowerCase();
  return step5b(step5a(step4(replacePatterns(replacePatterns(step1c(step1b(step1a(lower))), STEP2_RULES, 0), STEP3_RULES, 0))));
}
