/**
 * A copy of `s` that holds its own characters, for keys of caches that outlive a document. V8 keeps
 * a slice of 13 characters or more as a view into the string it was cut from, so a cached word
 * sliced from an upload would keep the whole upload in memory for as long as the cache lives (in a
 * warm Lambda, uploads by the hundred). Concatenating makes V8 copy the characters into a new
 * string; the slice that follows is a view of that small copy.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
