#!/usr/bin/env node
// The `lede` command. TypeScript sources need no build step: `analyze`, the command benchmarks and
// scripts run once per file, runs from a bundle cached on first use (cli/bundle.mjs); the other
// commands, and `analyze` where the bundle cannot be built, run the sources through tsx.
import { bundledEntry } from './bundle.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const bundle = process.argv[2] === 'analyze' ? await bundledEntry('cli/main.ts') : null;
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
