/**
 * What the in-page capture (`capture-page.ts`, injected as `/capture.js`) returns, and the
 * schema the background parses it with: whatever a page context returns is untrusted input.
 * Kept apart from the capture code so the background's bundle gets the schema without
 * Readability.
 */
import * as z from 'zod/mini';
import { MAX_QUOTE_CHARS } from '../model';
import { pageSnapshotSchema } from '../snapshot/page-snapshot';

/** Field limits of captured page metadata, matching the stored task source (lib/model taskSourceSchema). */
export const METADATA_LIMITS = {
  title: 1000,
  description: 2000,
  siteName: 300,
  lang: 35,
  favicon: 8192,
  byline: 300,
  publishedTime: 64,
} as const;

export const pageMetadataSchema = z.object({
  title: z.string().check(z.maxLength(METADATA_LIMITS.title)),
  description: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.description))),
  siteName: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.siteName))),
  lang: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.lang))),
  favicon: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.favicon))),
  byline: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.byline))),
  publishedTime: z.optional(z.string().check(z.maxLength(METADATA_LIMITS.publishedTime))),
});
export type PageMetadata = z.infer<typeof pageMetadataSchema>;

export const captureResultSchema = z.object({
  page: pageMetadataSchema,
  selection: z.nullable(
    z.object({
      text: z.string().check(z.minLength(1), z.maxLength(MAX_QUOTE_CHARS)),
      /** The text sits where the user writes (a text field, an editor): their own text, likely to be revised. */
      editable: z.optional(z.boolean()),
    }),
  ),
  /** The page as the client saw it (issue 12); absent from captures of older script versions. */
  snapshot: z.optional(pageSnapshotSchema),
});
export type CaptureResult = z.infer<typeof captureResultSchema>;

/** Parses what `executeScript` returned (`results[0]?.result`); null when it is missing or malformed, so the clip falls back to the menu event's data. */
export function parseCaptureResult(value: unknown): CaptureResult | null {
  const parsed = captureResultSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
