/** The vocabulary of Lede's analysis. Entity types follow Amazon Comprehend's names. */
export const ENTITY_TYPES = [
  'PERSON',
  'ORGANIZATION',
  'LOCATION',
  'DATE',
  'QUANTITY',
  'EVENT',
  'TITLE',
  'COMMERCIAL_ITEM',
  'OTHER',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A span of the analyzed text: `text === source.slice(begin, end)`. */
export interface Span {
  text: string;
  begin: number;
  end: number;
}

export type Mention = Span;

export interface Entity {
  name: string;
  type: EntityType;
  salience: number;
  /** Its other names: as the article writes them, a person's surname, the full name a short form stands for. */
  aliases?: string[];
  mentions: Mention[];
}

export interface Keyphrase {
  text: string;
  score: number;
}

/** A sentence, or a line that stands on its own (a headline, a dateline, page furniture). */
export interface Sentence extends Span {
  kind: 'sentence' | 'heading' | 'furniture';
}
