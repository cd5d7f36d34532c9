#!/usr/bin/env node
// The `lede` command. TypeScript sources need no build step: `analyze` (run once per file by
// benchmarks and scripts) and `query` run from a bundle cached on first use (cli/bundle.mjs); the
// other commands, and these where the bundle cannot be built, run the sources through tsx.
import { bundledEntry } from './bundle.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const BUNDLED = new Set(['analyze', 'query']);
const bundle = BUNDLED.has(process.argv[2]) ? await bundledEntry('cli/main.ts') : null;
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
