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
  /** Lower-cased names (tokens joined by a space) -> bit mask of TYPES they were tagged with (0: a prefix only). */
  gazetteer: KeyedLookup<number>;
  gazetteerMaxLength: number;
  /** Lower-cased word -> the entity type it mostly carries in the training data. */
  lexicon: KeyedLookup<string>;
  /** Lower-cased word -> how it is written inside ordinary sentences: L(ower), T(itle), C(aps), M(ixed). */
  casePrior: KeyedLookup<string>;
  /** The outside word list (training/knowledge): lower-cased names -> bit mask of EXTERNAL classes. */
  external: KeyedLookup<number>;
  externalMaxLength: number;
  /** Lower-cased words -> their cluster's path in a binary tree of word clusters (training/knowledge). */
  clusters: KeyedLookup<string>;
}

/**
 * Classes of the outside word list (training/knowledge): given and family names, organizations
 * (generic, companies, parties, sports clubs, universities, media, government bodies), places
 * (generic, countries, cities, regions), demonyms, honorifics. The lists' known people (`PER`) are
 * not a class: see training/train-ner.ts.
 */
export const EXTERNAL = ['FN', 'LN', 'ORG', 'CO', 'PTY', 'SPT', 'EDU', 'MED', 'GOV', 'LOC', 'CTRY', 'CITY', 'RGN', 'DM', 'HN'] as const;

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

/**
 * Some character of `w` is a lower-case letter (it changes when upper-cased), or with `upper` an
 * upper-case one. An ASCII word is scanned by code, without the new string a case change makes.
 */
function hasCase(w: string, upper: boolean): boolean {
  const first = upper ? 65 : 97; // A or a
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return (upper ? w.toLowerCase() : w.toUpperCase()) !== w;
    if (c >= first && c <= first + 25) return true;
  }
  return false;
}
const hasLower = (w: string) => hasCase(w, false);
const hasUpper = (w: string) => hasCase(w, true);
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

export const DOC_CASE = ['N', 'T', 'L', 'M', 'C', 'TC', 'LC', 'MC'];

/**
 * Where features go. `group` features depend only on their role and on the word of token `j` of the
 * document (`j < 0`: the sentence boundary `word`), so an inference sink may cache what they add up
 * to per word; training simply emits them (see `roleFeatures`).
 */
export interface FeatureSink {
  emit(t: number, f: string): void;
  group(t: number, role: number, j: number, word: string): void;
  /** The feature `${COMBO[kind]}${a}|${b}|${c}` (`c` empty: `${COMBO[kind]}${a}|${b}`). */
  combo(t: number, kind: number, a: string, b: string, c: string): void;
  /** The word pair feature `${COMBO[kind]}${a}|${b}` of the words of tokens `ja` and `jb` (-1: boundary). */
  pair(t: number, kind: number, ja: number, jb: number, a: string, b: string): void;
}

export const COMBO = ['w-1w=', 'ww+1=', 'w-1w+1=', 'sh3='];

export function comboFeature(kind: number, a: string, b: string, c: string): string {
  return c ? `${COMBO[kind]}${a}|${b}|${c}` : `${COMBO[kind]}${a}|${b}`;
}

const shapeMemo = new Map<string, string>();
/** `shape`, memoized so that equal shapes are one string (cheap to look up again). */
function shapeOf(word: string): string {
  let s = shapeMemo.get(word);
  if (s === undefined) {
    if (shapeMemo.size > 200_000) shapeMemo.clear();
    s = shape(word);
    shapeMemo.set(word, s);
  }
  return s;
}
const internShapes = new Map<string, string>();
function internedShape(word: string): string {
  const s = shapeOf(word);
  let i = internShapes.get(s);
  if (i === undefined) {
    if (internShapes.size > 50_000) internShapes.clear();
    internShapes.set(s, s);
    i = s;
  }
  return i;
}

export const MODES = ['C', 'F', 'M'] as const;
export type Mode = (typeof MODES)[number];
export const SLEN = ['1', '2', '5', 'n'];
export const CP = ['L', 'T', 'C', 'M', '?'];
const table = <T extends string>(xs: readonly string[], ys: readonly T[], f: (x: string, y: T) => string) =>
  Object.fromEntries(ys.map((y) => [y, Object.fromEntries(xs.map((x) => [x, f(x, y)]))])) as Record<T, Record<string, string>>;
export const SL_F = table(SLEN, MODES, (x, m) => `sl=${x}|${m}`);
export const DC_F = table(DOC_CASE, MODES, (x, m) => `dc=${x}|${m}`);
export const CP_F = table(CP, MODES, (x, m) => `cp=${x}|${m}`);
export const CP_INDEX: Record<string, number> = { L: 0, T: 1, C: 2, M: 3, '?': 4 };
/** `cpdc=${cp}|${dc}|${mode}` by mode, then CP_INDEX * 8 + document casing bits. */
export const CPDC_F = Object.fromEntries(
  MODES.map((m) => [m, CP.flatMap((c) => DOC_CASE.map((d) => `cpdc=${c}|${d}|${m}`))]),
) as Record<Mode, string[]>;

/** Roles of a word in a token's features (by the token's mode: C caps sentence, F first word, M other). */
export const ROLE = {
  SELF: { C: 0, F: 1, M: 2 },
  LEFT: { C: 3, F: 4, M: 5 },
  RIGHT: { C: 6, F: 7, M: 8 },
  WM2: 9,
  WP2: 10,
} as const;
export const NROLES = 11;
export const ROLE_MODE: Mode[] = ['C', 'F', 'M', 'C', 'F', 'M', 'C', 'F', 'M', 'C', 'C'];

export const BOS = '<s>';
export const EOS = '</s>';

/**
 * Where a role's features go, split at the first `=`: the feature is `template + value` (`w=` +
 * `paris`; `b` + ``), so that inference can look values up per template without building strings.
 */
export type RoleSink = (template: string, value: string) => void;

/** A read-only map. */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** A read-only map that lists its keys: a Map, or a table read from the model file (key-table.ts). */
export interface KeyedLookup<V> extends Lookup<V> {
  keys(): Iterable<string>;
}
/** The resources the role features read (inference answers them from its word records). */
export interface RoleResources {
  lexicon: Lookup<string>;
  external: Lookup<number>;
  clusters: Lookup<string>;
}

/** Prefixes of a word's cluster path used as features: coarse to fine (Ratinov & Roth 2009 used 4, 6, 10, 20). */
const CLUSTER_PREFIXES = [4, 8, 12] as const;

/** The features a word contributes in a role (`lower`: the word lower-cased, if already at hand). */
export function roleFeatures(role: number, word: string, res: RoleResources, emit: RoleSink, lower?: string): void {
  const boundary = word === BOS || word === EOS;
  const lw = boundary ? word : (lower ?? word.toLowerCase());
  const mode = ROLE_MODE[role];
  const caps = mode === 'C';
  if (role <= ROLE.SELF.M) {
    emit('b', '');
    emit('w=', lw);
    if (!caps) emit('W=', word);
    emit('ls=', longShape(word));
    const len = lw.length;
    for (let k = 1; k <= 4 && k < len; k++) {
      emit(PREFIX[k], lw.slice(0, k));
      emit(SUFFIX[k], lw.slice(len - k));
    }
    const hyphen = lw.indexOf('-');
    if (hyphen > 0 && hyphen < len - 1) {
      const h1 = lw.slice(0, hyphen);
      const h2 = lw.slice(lw.lastIndexOf('-') + 1);
      emit('h1=', h1);
      emit('h2=', h2);
      const x1 = res.external.get(h1) ?? 0;
      const x2 = res.external.get(h2) ?? 0;
      for (let k = 0; k < EXTERNAL.length; k++) {
        if (x1 & (1 << k)) emit('xh1=', EXTERNAL[k]);
        if (x2 & (1 << k)) emit('xh2=', EXTERNAL[k]);
      }
      const g1 = res.lexicon.get(h1);
      const g2 = res.lexicon.get(h2);
      if (g1) emit('lh1=', g1);
      if (g2) emit('lh2=', g2);
    }
    const lex = res.lexicon.get(lw);
    if (lex) {
      emit('lx=', lex);
      emit('lx=', `${lex}|${mode}`);
    }
    const ext = res.external.get(lw) ?? 0;
    for (let k = 0; k < EXTERNAL.length; k++) if (ext & (1 << k)) emit('xu=', EXTERNAL[k]);
    emit('sh=', `${shape(word)}|${mode}`);
    const path = res.clusters.get(lw);
    if (path) {
      for (const n of CLUSTER_PREFIXES) if (path.length >= n) emit(`c${n}=`, path.slice(0, n));
      emit('c=', path);
    }
    return;
  }
  if (role <= ROLE.RIGHT.M) {
    const left = role <= ROLE.LEFT.M;
    emit(left ? 'w-1=' : 'w+1=', lw);
    emit(left ? 'sh-1=' : 'sh+1=', `${boundary ? word : shape(word)}|${mode}`);
    if (boundary) return;
    if (!caps) emit(left ? 'W-1=' : 'W+1=', word);
    const lex = res.lexicon.get(lw);
    if (lex) emit(left ? 'lx-1=' : 'lx+1=', lex);
    const ext = res.external.get(lw) ?? 0;
    for (let k = 0; k < EXTERNAL.length; k++) if (ext & (1 << k)) emit(left ? 'xu-1=' : 'xu+1=', EXTERNAL[k]);
    const path = res.clusters.get(lw);
    if (path) {
      emit(left ? 'c-1=' : 'c+1=', path.slice(0, 8));
      emit(left ? 'C-1=' : 'C+1=', path);
    }
    return;
  }
  emit(role === ROLE.WM2 ? 'w-2=' : 'w+2=', lw);
}

const PREFIX = ['', 'p1=', 'p2=', 'p3=', 'p4='];
const SUFFIX = ['', 's1=', 's2=', 's3=', 's4='];

/**
 * Emits every base feature of every token of the document (token indices run over the whole
 * document, sentences concatenated).
 */
export function baseFeatures(doc: string[][], res: Resources, sink: FeatureSink): void {
  const casing = documentCasing(doc);
  let base = 0;
  for (const words of doc) {
    const n = words.length;
    const caps = isCapsSentence(words);
    const lower = words.map((w) => w.toLowerCase());
    const shapes = words.map(internedShape);
    const gaz = gazetteerMatches(lower, res.gazetteer, res.gazetteerMaxLength, TYPES);
    const ext = gazetteerMatches(lower, res.external, res.externalMaxLength, EXTERNAL);
    const slen = n === 1 ? '1' : n === 2 ? '2' : n <= 5 ? '5' : 'n';
    for (let i = 0; i < n; i++) {
      const t = base + i;
      const w = words[i];
      const lw = lower[i];
      const mode = caps ? 'C' : i === 0 ? 'F' : 'M';
      const lm1 = i > 0 ? lower[i - 1] : BOS;
      const lp1 = i + 1 < n ? lower[i + 1] : EOS;
      sink.group(t, ROLE.SELF[mode], t, w);
      sink.group(t, ROLE.LEFT[mode], i > 0 ? t - 1 : -1, i > 0 ? words[i - 1] : BOS);
      sink.group(t, ROLE.RIGHT[mode], i + 1 < n ? t + 1 : -1, i + 1 < n ? words[i + 1] : EOS);
      sink.group(t, ROLE.WM2, i > 1 ? t - 2 : -1, i > 1 ? words[i - 2] : BOS);
      sink.group(t, ROLE.WP2, i + 2 < n ? t + 2 : -1, i + 2 < n ? words[i + 2] : EOS);
      sink.pair(t, 0, i > 0 ? t - 1 : -1, t, lm1, lw);
      sink.pair(t, 1, t, i + 1 < n ? t + 1 : -2, lw, lp1);
      sink.pair(t, 2, i > 0 ? t - 1 : -1, i + 1 < n ? t + 1 : -2, lm1, lp1);
      sink.combo(t, 3, i > 0 ? shapes[i - 1] : BOS, shapes[i], i + 1 < n ? shapes[i + 1] : EOS);
      sink.emit(t, SL_F[mode][slen]);
      if (lw !== w || caps) {
        const bits = casing.get(lw) ?? 0;
        const cp = res.casePrior.get(lw) ?? '?';
        sink.emit(t, DC_F[mode][DOC_CASE[bits]]);
        sink.emit(t, CP_F[mode][cp]);
        sink.emit(t, CPDC_F[mode][CP_INDEX[cp] * 8 + bits]);
      }
      for (const g of gaz[i]) {
        sink.emit(t, `gz=${g}`);
        sink.emit(t, `gz=${g}|${mode}`);
      }
      for (const g of ext[i]) {
        sink.emit(t, `xg=${g}`);
        sink.emit(t, `xg=${g}|${mode}`);
      }
    }
    base += n;
  }
}

/** For each token, the gazetteer matches covering it (`PER-B`, `LOC-I`, ...), longest match first. */
const NO_MATCH: string[] = [];
/**
 * Adds every proper prefix of a multi-word name with mask 0, so that a match attempt stops as soon
 * as the words read so far begin no name.
 */
export function withPrefixes(names: Map<string, number>): Map<string, number> {
  for (const key of [...names.keys()]) {
    let at = key.indexOf(' ');
    while (at > 0) {
      const prefix = key.slice(0, at);
      if (!names.has(prefix)) names.set(prefix, 0);
      at = key.indexOf(' ', at + 1);
    }
  }
  return names;
}

/** The size class of a name-list match of `k + 1` words. */
export const matchSize = (k: number) => (k === 0 ? '1' : k === 1 ? '2' : 'n');
/** A name-list match as a token sees it: its class, whether the token begins it, its size class. */
export const matchLabel = (name: string, first: boolean, size: string) => `${name}-${first ? 'B' : 'I'}${size}`;

/** For each token, the name-list matches covering it (`PER-B1`, `LOC-I2`, ...); `names` holds prefixes (see withPrefixes). */
function gazetteerMatches(lower: string[], names: Lookup<number>, maxLength: number, classes: readonly string[]): string[][] {
  const out: string[][] = new Array<string[]>(lower.length).fill(NO_MATCH);
  for (let i = 0; i < lower.length; i++) {
    let key = '';
    for (let k = 0; k < maxLength && i + k < lower.length; k++) {
      key = k ? `${key} ${lower[i + k]}` : lower[i];
      const mask = names.get(key);
      if (mask === undefined) break;
      if (!mask) continue;
      for (let ty = 0; ty < classes.length; ty++) {
        if (!(mask & (1 << ty))) continue;
        const name = classes[ty];
        const size = matchSize(k);
        for (let j = 0; j <= k; j++) {
          if (out[i + j] === NO_MATCH) out[i + j] = [];
          out[i + j].push(matchLabel(name, j === 0, size));
        }
      }
    }
  }
  return out;
}

/**
 * Document-level features for the second pass, from the first pass's tags: how the other occurrences
 * of the same word in the document were tagged, and the first-pass tags around the token.
 */
export const T1 = TAGS.map((t) => `t1=${t}`);
export const T1M = ['<s>', ...TAGS].map((p) => TAGS.map((t) => `t1-1=${p}|${t}`));
export const T1P = ['</s>', ...TAGS].map((p) => TAGS.map((t) => `t1+1=${p}|${t}`));
const DM_NAMES = [...TYPES, 'O'];
export const DM = DM_NAMES.map((d) => `dm=${d}`);
export const DMT = DM_NAMES.map((d) => TAGS.map((t) => `dm=${d}|${t}`));
export const DT = TYPES.map((d) => `dt=${d}`);
export const DALL = DM_NAMES.map((d) => `dall=${d}`);

/** What a first-pass tag says about its word in the document features: its type, or TYPES.length for O. */
export const voteOf = (tag: number) => (tag === 0 ? TYPES.length : (tag - 1) >> 1);

/** The vote most often cast (the first of equals), or -1 when there is none. */
export function plurality(counts: ArrayLike<number>): number {
  let best = -1;
  for (let k = 0; k < counts.length; k++) if (counts[k] && (best < 0 || counts[k] > counts[best])) best = k;
  return best;
}

/** Every vote went to `best`. */
export function unanimous(counts: ArrayLike<number>, best: number): boolean {
  for (let k = 0; k < counts.length; k++) if (k !== best && counts[k]) return false;
  return true;
}

export function documentFeatures(doc: string[][], tags1: ArrayLike<number>, emit: (t: number, f: string) => void): void {
  const byWord = new Map<string, number[]>();
  let t = 0;
  const lowers: string[] = [];
  for (const s of doc) {
    for (const w of s) {
      const lw = w.toLowerCase();
      lowers.push(lw);
      if (lw !== w) {
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
      emit(t, T1[own]);
      emit(t, T1M[i > 0 ? tags1[t - 1] + 1 : 0][own]);
      emit(t, T1P[i + 1 < s.length ? tags1[t + 1] + 1 : 0][own]);
      const others = byWord.get(lowers[t]);
      if (!others || others.length < 2) continue;
      const counts = new Array(TYPES.length + 1).fill(0);
      for (const o of others) {
        if (o === t) continue;
        counts[voteOf(tags1[o])]++;
      }
      const best = plurality(counts);
      if (best < 0) continue;
      emit(t, DM[best]);
      emit(t, DMT[best][own]);
      for (let k = 0; k < TYPES.length; k++) if (counts[k]) emit(t, DT[k]);
      if (unanimous(counts, best)) emit(t, DALL[best]);
    }
  }
}
