import type { FuzzInput } from './families.ts';
import type { Verdict } from './records.ts';

/** One input run through one path (CLI, local stack, in process). */
export interface Measurement {
  family: string;
  variant: string;
  size: number;
  /** Wall milliseconds to a record, or to the cap. */
  ms: number;
  /** Peak memory in bytes: the CLI child's VmHWM, or the stack's highest VmRSS during the input. */
  peakBytes?: number;
  verdict: Verdict;
  /** Stack: the slowest /openapi.json answer while the input was processed. */
  apiWorstMs?: number;
  /** Stack: it was restarted after this input (no answer, or its emulators gone). */
  restarted?: boolean;
}

export function measured(input: FuzzInput, fields: Omit<Measurement, 'family' | 'variant' | 'size'>): Measurement {
  return { family: input.family, variant: input.variant, size: input.size, ...fields };
}
