/** CoNLL-2003 reading and span scoring, shared by the NER bench and the training script. */
import { readFileSync } from 'node:fs';

export interface ConllSentence {
  tokens: string[];
  /** IOB1 tags as in the file (`I-PER`, `B-LOC`, `O`). */
  tags: string[];
}

export interface ConllDoc {
  sentences: ConllSentence[];
}

export interface TypedSpan {
  type: string;
  /** Token indices in the document, end exclusive. */
  start: number;
  end: number;
}

export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null;
  let sentence: ConllSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (sentence.tokens.length) {
      if (!doc) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push(sentence);
    }
    sentence = { tokens: [], tags: [] };
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    sentence.tokens.push(cols[0]);
    sentence.tags.push(cols[cols.length - 1]);
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

/** The judge's input: tokens joined by single spaces, sentences by newlines. */
export function docText(doc: ConllDoc): { text: string; tokenBegins: number[]; tokenEnds: number[] } {
  const tokenBegins: number[] = [];
  const tokenEnds: number[] = [];
  let text = '';
  doc.sentences.forEach((s, i) => {
    if (i > 0) text += '\n';
    s.tokens.forEach((t, j) => {
      if (j > 0) text += ' ';
      tokenBegins.push(text.length);
      text += t;
      tokenEnds.push(text.length);
    });
  });
  return { text, tokenBegins, tokenEnds };
}

/** Gold spans of a document from IOB1 tags (a `B-` starts a new span next to one of the same type). */
export function goldSpans(doc: ConllDoc): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let offset = 0;
  for (const s of doc.sentences) {
    let current: TypedSpan | null = null;
    s.tags.forEach((tag, i) => {
      if (tag === 'O') {
        current = null;
        return;
      }
      const [prefix, type] = tag.split('-');
      if (!current || current.type !== type || prefix === 'B') {
        current = { type, start: offset + i, end: offset + i + 1 };
        spans.push(current);
      } else current.end = offset + i + 1;
    });
    offset += s.tokens.length;
  }
  return spans;
}

/** Maps a predicted character span to the tokens it overlaps. */
export function charSpanToTokens(begin: number, end: number, tokenBegins: number[], tokenEnds: number[]): [number, number] | null {
  let start = -1;
  let stop = -1;
  for (let i = 0; i < tokenBegins.length; i++) {
    if (tokenEnds[i] > begin && tokenBegins[i] < end) {
      if (start < 0) start = i;
      stop = i + 1;
    }
  }
  return start < 0 ? null : [start, stop];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function score(gold: TypedSpan[], predicted: TypedSpan[], types: string[], counts: Record<string, Counts>): void {
  const key = (s: TypedSpan) => `${s.type}:${s.start}:${s.end}`;
  const goldSet = new Set(gold.filter((s) => types.includes(s.type)).map(key));
  const predSet = new Set(predicted.filter((s) => types.includes(s.type)).map(key));
  for (const t of types) counts[t] ??= { tp: 0, fp: 0, fn: 0 };
  for (const k of predSet) {
    const t = k.split(':')[0];
    if (goldSet.has(k)) counts[t].tp++;
    else counts[t].fp++;
  }
  for (const k of goldSet) if (!predSet.has(k)) counts[k.split(':')[0]].fn++;
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p: 100 * p, r: 100 * r, f: p + r ? (200 * p * r) / (p + r) : 0 };
}
