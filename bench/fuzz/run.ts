/** Runs families through one path, variant by variant from the smallest size. */
import { familyInputs, type Family, type FuzzInput } from './families.ts';
import type { Measurement } from './measurement.ts';

export type InputPath = (input: FuzzInput) => Promise<Measurement>;

/**
 * Every input is run, even above a size that passed the cap: a budget or an element limit can
 * make a larger input cheaper than a smaller one (refused early).
 */
export async function runFamilies(families: Family[], sizes: number[], path: InputPath, onMeasured: (m: Measurement) => void): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const family of families) {
    for (const input of familyInputs(family, sizes)) {
      const m = await path(input);
      all.push(m);
      onMeasured(m);
    }
  }
  return all;
}
