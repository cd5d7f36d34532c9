/** The classes of the gazetteer and the curated list (README.md describes each). */
export const CLASSES = ['FN', 'LN', 'PER', 'ORG', 'CO', 'PTY', 'SPT', 'EDU', 'MED', 'GOV', 'LOC', 'CTRY', 'CITY', 'RGN', 'DM'] as const;
export type Cls = (typeof CLASSES)[number];

/** One name of one class, with the source it came from (for the counts; not written out). */
export interface Row {
  name: string;
  cls: Cls;
  source: string;
}
