/**
 * Field limits of the records (DESIGN.md, "Data model"), in UTF-16 code units unless the name
 * says otherwise. The schemas enforce them; the clipper cuts to them and the forms stop at them,
 * reading them from here rather than repeating the numbers.
 */

/** Longest clipped quote the clipper produces (its cut marker included). */
export const MAX_QUOTE_CHARS = 20_000;

export const FIELD_LIMITS = {
  /** Record ids (UUIDs, or what another client sends). */
  id: 64,
  /** Device ids in `authorDevice`. */
  authorDevice: 64,
  /** ISO date-times (`createdAt`, `capturedAt`, `updatedAt`). */
  dateTimeMin: 10,
  dateTimeMax: 40,
  taskTitle: 500,
  /**
   * A task's instructions and a result's text (markdown). A field travels whole in one sync
   * message, whose body is at most 64 KiB: 20,000 UTF-16 units are at most 60 KB of UTF-8.
   */
  instructions: 20_000,
  resultText: 20_000,
  /** Source URLs, favicons and result links. */
  url: 8192,
  sourceTitle: 1000,
  /** A stored quote: what the clipper produces, with a little slack. */
  quote: MAX_QUOTE_CHARS + 10,
  description: 2000,
  siteName: 300,
  /** A BCP 47 language tag. */
  lang: 35,
  commentBody: 20_000,
  instructionTitle: 300,
  instructionBody: 20_000,
  timeNote: 2000,
  /** One time entry: at most a day. */
  entryMinutes: 24 * 60,
  /** A task's or the month's time budget: at most 1,000 hours. */
  budgetMinutes: 1000 * 60,
  /** An hourly rate: at most 10,000 € an hour. */
  rateCents: 1_000_000,
  /** Rate changes kept in the workspace settings. */
  rateHistory: 500,
  /** Level changes kept per kind in the workspace settings (the oldest go first). */
  levelHistory: 100,
  /** The largest "suggest raising after" count. */
  levelSuggestAfter: 100,
  /** A recurrence's `interval`. */
  recurrenceInterval: 365,
} as const;
