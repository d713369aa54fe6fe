/**
 * What the capture script reports of the page as the client saw it (issue 12), and the schema
 * the background parses it with: a page context is untrusted, so text and metadata are checked
 * against the snapshot limits before they reach a draft. Apart from `lib/clip/snapshot.ts` so the
 * background's bundle gets the schema without Readability.
 */
import * as z from 'zod/mini';
import { FIELD_LIMITS, SNAPSHOT_LIMITS } from '../model';

const text = (max: number) => z.string().check(z.maxLength(max));

export const pageSnapshotSchema = z.union([
  z.object({
    text: z.string().check(z.minLength(1), z.maxLength(SNAPSHOT_LIMITS.text)),
    title: z.optional(text(FIELD_LIMITS.sourceTitle)),
    byline: z.optional(text(300)),
    siteName: z.optional(text(FIELD_LIMITS.siteName)),
    publishedTime: z.optional(text(64)),
    shortened: z.boolean(),
  }),
  /** The page has no text worth keeping (an image, an empty app shell). */
  z.object({ missing: z.literal('no-readable-content') }),
]);
export type PageSnapshot = z.infer<typeof pageSnapshotSchema>;
