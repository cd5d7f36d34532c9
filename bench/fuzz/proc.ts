/** Memory of another process, read from /proc/<pid>/status while it runs (Linux). */
import { readFileSync } from 'node:fs';

export type StatusField = 'VmRSS' | 'VmHWM';

/** One kB field of /proc/<pid>/status, in bytes; undefined once the process is gone (or off Linux). */
export function statusBytes(pid: number, field: StatusField): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

export interface MemorySampler {
  /** The highest value read so far, in bytes (0 if none could be read). */
  peak(): number;
  /** Reads once more, stops, and returns the peak. */
  stop(): number;
}

/**
 * Reads `field` every `everyMs` and keeps the highest value. With VmHWM (the kernel's own
 * high-water mark) only the growth in the last interval before the process exits can be missed.
 */
export function sampleMemory(pid: number, field: StatusField, everyMs: number): MemorySampler {
  let peak = 0;
  const read = () => {
    peak = Math.max(peak, statusBytes(pid, field) ?? 0);
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    peak: () => peak,
    stop() {
      read();
      clearInterval(timer);
      return peak;
    },
  };
}
