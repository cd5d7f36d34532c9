/**
 * Characters that show nothing but change what a string is: a zero-width joiner inside `Sa‍diq`
 * makes another name of it, and U+202E turns the rest of a line around when it is displayed.
 * Offsets index the text as uploaded, so the text keeps them; names, keys and the strings a record
 * quotes are cleaned.
 */

/** Bidirectional controls (embeddings, overrides, isolates, marks): they reorder the display. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width spaces, joiners and non-joiners, word joiner, invisible operators, BOM, soft hyphen. */
const ZERO_WIDTH = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
/**
 * A zero-width character where it has no typographic work: beside a Latin, Greek or Cyrillic
 * letter, a digit, white space, punctuation, or an end. Joiners between Arabic or Indic letters,
 * and inside emoji sequences, shape what is displayed and stay.
 */
const ZERO_WIDTH_IDLE =
  /(?<=^|[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\s\p{P}])[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]+|[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]+(?=$|[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\s\p{P}])/gu;
const ANY = /[\u00ad\u180e\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Without any invisible character: for comparison keys and token forms. */
export function withoutInvisibles(s: string): string {
  return ANY.test(s) ? s.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '') : s;
}

/** Fit to display: no bidirectional controls, and no zero-width characters where they do nothing. */
export function displayText(s: string): string {
  return ANY.test(s) ? s.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH_IDLE, '') : s;
}
