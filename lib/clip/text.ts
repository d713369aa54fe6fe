/**
 * Small text helpers shared by page metadata and draft building.
 */

/** Whitespace collapsed and trimmed; `undefined` for nothing. */
export function clean(value: string | null | undefined): string | undefined {
  const cleaned = value?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/** Cuts `value` to at most `max` characters with an ellipsis, never splitting a surrogate pair. */
export function limit(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(value.charAt(end - 1))) end -= 1;
  return `${value.slice(0, end).trimEnd()}…`;
}
