/**
 * Feature templates of the entity tagger, shared by training (training/train-ner.ts) and inference.
 * A document is a list of sentences of normalized tokens. Features are strings; the model maps the
 * ones it kept to weight rows.
 */

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export const NTAGS = TAGS.length;
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/** Lexical resources learned from the training data (never from evaluation data). */
export interface Resources {
  /** Lower-cased names (tokens joined by a space) -> bit mask of TYPES they were tagged with. */
  gazetteer: Map<string, number>;
  /** Lower-cased first tokens of gazetteer names. */
  gazetteerFirst: Set<string>;
  gazetteerMaxLength: number;
  /** Lower-cased word -> the entity type it mostly carries in the training data. */
  lexicon: Map<string, string>;
  /** Lower-cased word -> how it is written inside ordinary sentences: L(ower), T(itle), C(aps), M(ixed). */
  casePrior: Map<string, string>;
}

export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function longShape(word: string): string {
  if (word.length > 6) return '*';
  let out = '';
  for (const ch of word) {
    if (ch.toLowerCase() !== ch) out += 'X';
    else if (ch.toUpperCase() !== ch) out += 'x';
    else if (ch >= '0' && ch <= '9') out += 'd';
    else out += ch;
  }
  return out;
}

const hasLower = (w: string) => w.toUpperCase() !== w;
const hasUpper = (w: string) => w.toLowerCase() !== w;
const isTitle = (w: string) => hasUpper(w[0]) && hasLower(w);

/** A sentence written all in capitals (headlines, datelines) tells nothing by its casing. */
export function isCapsSentence(words: string[]): boolean {
  let upper = 0;
  let lower = 0;
  for (const w of words) {
    if (hasLower(w)) lower++;
    else if (hasUpper(w)) upper++;
  }
  return upper > 0 && lower === 0;
}

/** How each lower-cased word is written in the document's ordinary (non-initial, mixed-case) positions. */
export function documentCasing(doc: string[][]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const s of doc) {
    if (isCapsSentence(s)) continue;
    for (let i = 1; i < s.length; i++) {
      const w = s[i];
      if (!hasLower(w) && !hasUpper(w)) continue;
      if (/^["'(-]$/.test(s[i - 1]) || s[i - 1] === ':') continue;
      const bit = isTitle(w) ? 1 : hasUpper(w) ? 4 : 2;
      const lw = w.toLowerCase();
      seen.set(lw, (seen.get(lw) ?? 0) | bit);
    }
  }
  return seen;
}

const DOC_CASE = ['N', 'T', 'L', 'M', 'C', 'TC', 'LC', 'MC'];

/**
 * Calls `emit(tokenIndex, feature)` for every base feature of every token of the document
 * (token indices run over the whole document).
 */
export function baseFeatures(doc: string[][], res: Resources, emit: (t: number, f: string) => void): void {
  const casing = documentCasing(doc);
  let base = 0;
  for (const words of doc) {
    const n = words.length;
    const caps = isCapsSentence(words);
    const lower = words.map((w) => w.toLowerCase());
    const shapes = words.map(shape);
    const gaz = gazetteerMatches(lower, res);
    const slen = n === 1 ? '1' : n === 2 ? '2' : n <= 5 ? '5' : 'n';
    for (let i = 0; i < n; i++) {
      const t = base + i;
      const w = words[i];
      const lw = lower[i];
      const sh = shapes[i];
      const lm1 = i > 0 ? lower[i - 1] : '<s>';
      const lp1 = i + 1 < n ? lower[i + 1] : '</s>';
      const lm2 = i > 1 ? lower[i - 2] : '<s>';
      const lp2 = i + 2 < n ? lower[i + 2] : '</s>';
      const shm1 = i > 0 ? shapes[i - 1] : '<s>';
      const shp1 = i + 1 < n ? shapes[i + 1] : '</s>';
      const mode = caps ? 'C' : i === 0 ? 'F' : 'M';
      emit(t, 'b');
      emit(t, `w=${lw}`);
      if (!caps) emit(t, `W=${w}`);
      emit(t, `sh=${sh}|${mode}`);
      emit(t, `ls=${longShape(w)}`);
      const len = lw.length;
      for (let k = 1; k <= 4 && k < len; k++) {
        emit(t, `p${k}=${lw.slice(0, k)}`);
        emit(t, `s${k}=${lw.slice(len - k)}`);
      }
      emit(t, `w-1=${lm1}`);
      emit(t, `w+1=${lp1}`);
      emit(t, `w-2=${lm2}`);
      emit(t, `w+2=${lp2}`);
      emit(t, `w-1w=${lm1}|${lw}`);
      emit(t, `ww+1=${lw}|${lp1}`);
      emit(t, `w-1w+1=${lm1}|${lp1}`);
      emit(t, `sh-1=${shm1}|${mode}`);
      emit(t, `sh+1=${shp1}|${mode}`);
      emit(t, `sh3=${shm1}|${sh}|${shp1}`);
      if (i > 0 && !caps) emit(t, `W-1=${words[i - 1]}`);
      if (i + 1 < n && !caps) emit(t, `W+1=${words[i + 1]}`);
      emit(t, `sl=${slen}|${mode}`);
      const hyphen = lw.indexOf('-');
      if (hyphen > 0 && hyphen < len - 1) {
        emit(t, `h1=${lw.slice(0, hyphen)}`);
        emit(t, `h2=${lw.slice(lw.lastIndexOf('-') + 1)}`);
      }
      if (hasUpper(w) || caps) {
        const dc = DOC_CASE[casing.get(lw) ?? 0];
        emit(t, `dc=${dc}|${mode}`);
        const cp = res.casePrior.get(lw) ?? '?';
        emit(t, `cp=${cp}|${mode}`);
        emit(t, `cpdc=${cp}|${dc}|${mode}`);
      }
      const lex = res.lexicon.get(lw);
      if (lex) {
        emit(t, `lx=${lex}`);
        emit(t, `lx=${lex}|${mode}`);
      }
      if (i + 1 < n) {
        const next = res.lexicon.get(lp1);
        if (next) emit(t, `lx+1=${next}`);
      }
      if (i > 0) {
        const prev = res.lexicon.get(lm1);
        if (prev) emit(t, `lx-1=${prev}`);
      }
      for (const g of gaz[i]) {
        emit(t, `gz=${g}`);
        emit(t, `gz=${g}|${mode}`);
      }
    }
    base += n;
  }
}

/** For each token, the gazetteer matches covering it (`PER-B`, `LOC-I`, ...), longest match first. */
function gazetteerMatches(lower: string[], res: Resources): string[][] {
  const out: string[][] = lower.map(() => []);
  for (let i = 0; i < lower.length; i++) {
    if (!res.gazetteerFirst.has(lower[i])) continue;
    let key = '';
    for (let k = 0; k < res.gazetteerMaxLength && i + k < lower.length; k++) {
      key = k ? `${key} ${lower[i + k]}` : lower[i];
      const mask = res.gazetteer.get(key);
      if (!mask) continue;
      for (let ty = 0; ty < TYPES.length; ty++) {
        if (!(mask & (1 << ty))) continue;
        const name = TYPES[ty];
        const size = k === 0 ? '1' : k === 1 ? '2' : 'n';
        for (let j = 0; j <= k; j++) out[i + j].push(`${name}-${j === 0 ? 'B' : 'I'}${size}`);
      }
    }
  }
  return out;
}

/**
 * Document-level features for the second pass, from the first pass's tags: how the other occurrences
 * of the same word in the document were tagged, and the first-pass tags around the token.
 */
export function documentFeatures(doc: string[][], tags1: number[], emit: (t: number, f: string) => void): void {
  const byWord = new Map<string, number[]>();
  let t = 0;
  const lowers: string[] = [];
  for (const s of doc) {
    for (const w of s) {
      const lw = w.toLowerCase();
      lowers.push(lw);
      if (/\p{L}/u.test(w) && hasUpper(w)) {
        const list = byWord.get(lw);
        if (list) list.push(t);
        else byWord.set(lw, [t]);
      }
      t++;
    }
  }
  t = 0;
  for (const s of doc) {
    for (let i = 0; i < s.length; i++, t++) {
      const own = tags1[t];
      emit(t, `t1=${TAGS[own]}`);
      emit(t, `t1-1=${i > 0 ? TAGS[tags1[t - 1]] : '<s>'}|${TAGS[own]}`);
      emit(t, `t1+1=${i + 1 < s.length ? TAGS[tags1[t + 1]] : '</s>'}|${TAGS[own]}`);
      const others = byWord.get(lowers[t]);
      if (!others || others.length < 2) continue;
      const counts = new Array(TYPES.length + 1).fill(0);
      for (const o of others) {
        if (o === t) continue;
        const tag = tags1[o];
        counts[tag === 0 ? TYPES.length : (tag - 1) >> 1]++;
      }
      let best = -1;
      let total = 0;
      for (let k = 0; k <= TYPES.length; k++) {
        total += counts[k];
        if (counts[k] && (best < 0 || counts[k] > counts[best])) best = k;
      }
      if (best < 0) continue;
      const name = best === TYPES.length ? 'O' : TYPES[best];
      emit(t, `dm=${name}`);
      emit(t, `dm=${name}|${TAGS[own]}`);
      for (let k = 0; k < TYPES.length; k++) if (counts[k]) emit(t, `dt=${TYPES[k]}`);
      if (counts[best] === total) emit(t, `dall=${name}`);
    }
  }
}
