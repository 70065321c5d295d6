// Tag names typed by an admin: split a pasted list, check length and repeats before WeCom does.

/** WeCom's limit for group and tag names. */
export const NAME_MAX = 30;

export const splitNames = (text: string): string[] => text.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/** The first problem with a list of names, or null. */
export function namesProblem(names: readonly string[], existing: readonly string[] = []): { kind: 'tooLong' | 'duplicate'; name: string } | null {
  const seen = new Set(existing);
  for (const n of names) {
    if ([...n].length > NAME_MAX) return { kind: 'tooLong', name: n };
    if (seen.has(n)) return { kind: 'duplicate', name: n };
    seen.add(n);
  }
  return null;
}
