/** Entity names are matched case-insensitively, with typographic apostrophes and spacing folded. */
export function normalizeEntityName(name: string): string {
  return name.normalize('NFKC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}
