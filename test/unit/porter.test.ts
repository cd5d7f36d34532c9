import { describe, expect, it } from 'vitest';
import natural from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { porterStem } from '../../shared/nlp/porter.ts';

/** Words through every rule (and natural's quirks: `y` groups, step 2 chains, short stems). */
const WORDS = (
  'caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling ' +
  'hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli ' +
  'differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti ' +
  'sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference ' +
  'airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate ' +
  "angulariti homologous effective bowdlerize probate rate cease controll roll generalizations oscillators ing ings eed yy byy " +
  "sayings obama's don't jean-yves café 1990s 3d u.s. x"
).split(' ');

/** Strings from a small alphabet: every suffix rule meets odd neighbours. */
function* pseudoRandomStrings(count: number): Generator<string> {
  const pieces = ['a', 'e', 'i', 'o', 'u', 'y', 'b', 'l', 's', 'z', 'w', 'ss', 'll', 'ed', 'ing', 'eed', 'ies', 'ational', 'tion', 'ness', 'ful', 'ate', 'iti', 'ment', "'", '-', 'é', '7'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % pieces.length;
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = 1 + (i % 5); k > 0; k--) s += pieces[next()];
    yield s;
  }
}

describe('porterStem', () => {
  it("gives natural's Porter stems", () => {
    for (const w of WORDS) expect(porterStem(w), w).toBe(natural.stem(w));
  });

  it("agrees with natural on odd strings too", () => {
    for (const w of pseudoRandomStrings(20_000)) expect(porterStem(w), w).toBe(natural.stem(w));
  });
});
