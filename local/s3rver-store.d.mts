/** Types of s3rver-store.mjs (plain JavaScript: it runs on the emulators' worker thread). */
export function keyToComponents(key: string): string[];
export function componentsToKey(components: string[]): string | undefined;
export class SafeKeyStore {
  constructor(rootDirectory: string);
}
export function acceptAnyKey(s3: unknown, directory: string): void;
