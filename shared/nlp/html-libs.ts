import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as ParseHTML } from 'linkedom';

export interface HtmlLibraries {
  parseHTML: typeof ParseHTML;
  Readability: typeof ReadabilityClass;
}

let loaded: HtmlLibraries | undefined;

/**
 * linkedom and Readability, loaded on first use rather than with the analyzer: they add about
 * 0.8 MB to the bundle and a few hundred milliseconds to a cold start that plain-text articles
 * should not pay. Synchronous, because the analyzer is.
 *
 * In an esbuild bundle `require` exists and the literal `require('linkedom')` calls are bundled
 * (and evaluated only when this runs); under Node, tsx and vitest, where this file is an ES
 * module without `require`, Node's own CommonJS loader loads the same packages.
 */
export function htmlLibraries(): HtmlLibraries {
  if (loaded) return loaded;
  if (typeof require === 'function') {
    loaded = {
      parseHTML: (require('linkedom') as { parseHTML: typeof ParseHTML }).parseHTML,
      Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
    };
  } else {
    const load = createRequire(import.meta.url);
    loaded = {
      parseHTML: (load('linkedom') as { parseHTML: typeof ParseHTML }).parseHTML,
      Readability: (load('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
    };
  }
  return loaded;
}
