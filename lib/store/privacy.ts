/**
 * What the confidentiality check keeps on this device only (issue 12, § 203 StGB): the client's
 * settings with the names to look for, the mapping placeholder → original (one per workspace),
 * and per draft the hits marked as fine. All of it lives in the local `meta` store: no synced
 * record, no outbox entry, so nothing of it reaches the endpoint or the assistant.
 * Not exported from the store's index: the popup, which loads that index, never needs it.
 */
import * as z from 'zod/mini';
import type { PlaceholderMapping, PrivacySettings } from '../privacy';
import { DEFAULT_PRIVACY_SETTINGS } from '../privacy/settings';
import { SENSITIVE_TYPES } from '../privacy/types';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

/** Longest name the list keeps, and how many names at most (a scan looks for each). */
export const PRIVACY_NAME_LIMITS = { length: 200, count: 2000 } as const;

const sensitiveType = z.enum(SENSITIVE_TYPES);

const clientPrivacySettingsSchema = z.object({
  names: z.array(z.string().check(z.minLength(1), z.maxLength(PRIVACY_NAME_LIMITS.length))).check(z.maxLength(PRIVACY_NAME_LIMITS.count)),
  blockingTypes: z.array(sensitiveType),
  enabledTypes: z.array(sensitiveType),
});

/** The scan's settings plus the client's own names (Mandanten, opposing parties, file references). */
export interface ClientPrivacySettings extends PrivacySettings {
  readonly names: readonly string[];
}

/** Nothing stored yet: the core's defaults and no names. */
export const DEFAULT_CLIENT_PRIVACY_SETTINGS: ClientPrivacySettings = Object.freeze({
  ...DEFAULT_PRIVACY_SETTINGS,
  names: Object.freeze([]),
});

const mappingSchema = z.object({
  entries: z.array(z.object({ placeholder: z.string(), original: z.string(), type: sensitiveType })),
});
const mappingsSchema = z.record(z.string(), mappingSchema);
const reviewsSchema = z.record(z.string(), z.array(z.string()));

/**
 * The mapping of an unpaired device: a task redacted before pairing is published into the first
 * workspace, so that workspace takes this mapping over (its placeholders must keep resolving).
 */
const UNPAIRED = '';

/** The stored settings; the defaults when none (or unreadable ones) are stored. */
export async function getPrivacySettings(db: Db): Promise<ClientPrivacySettings> {
  const parsed = clientPrivacySettingsSchema.safeParse(await db.get('meta', META.privacySettings));
  return parsed.success ? parsed.data : DEFAULT_CLIENT_PRIVACY_SETTINGS;
}

/** Stores the settings: names trimmed, empty and repeated ones dropped. */
export async function savePrivacySettings(db: Db, settings: ClientPrivacySettings): Promise<ClientPrivacySettings> {
  const names = [...new Set(settings.names.map((name) => name.trim()).filter((name) => name !== ''))];
  const stored = clientPrivacySettingsSchema.parse({
    names,
    blockingTypes: [...settings.blockingTypes],
    enabledTypes: [...settings.enabledTypes],
  });
  await db.put('meta', stored, META.privacySettings);
  announceChange({ db: db.name, kind: 'meta', ids: [META.privacySettings] });
  return stored;
}

function mappingOf(stored: unknown, workspaceId: string | null): PlaceholderMapping {
  const parsed = mappingsSchema.safeParse(stored);
  const all = parsed.success ? parsed.data : {};
  return all[workspaceId ?? UNPAIRED] ?? all[UNPAIRED] ?? { entries: [] };
}

/** The placeholder mapping of the workspace (null: this device is not paired). */
export async function getPlaceholderMapping(db: Db, workspaceId: string | null): Promise<PlaceholderMapping> {
  return mappingOf(await db.get('meta', META.placeholderMappings), workspaceId);
}

/**
 * Reads the workspace's mapping, applies `change` (pure and synchronous) and stores the result,
 * in one transaction: two replacements at once cannot hand out the same placeholder twice.
 */
export async function updatePlaceholderMapping(
  db: Db,
  workspaceId: string | null,
  change: (mapping: PlaceholderMapping) => PlaceholderMapping,
): Promise<PlaceholderMapping> {
  const tx = db.transaction('meta', 'readwrite');
  const stored = await tx.store.get(META.placeholderMappings);
  const parsed = mappingsSchema.safeParse(stored);
  const all = parsed.success ? parsed.data : {};
  const next = mappingSchema.parse(change(mappingOf(stored, workspaceId)));
  await tx.store.put({ ...all, [workspaceId ?? UNPAIRED]: next }, META.placeholderMappings);
  await tx.done;
  announceChange({ db: db.name, kind: 'meta', ids: [META.placeholderMappings] });
  return next;
}

/** The keys of the hits marked as fine in the draft (see `hitKey` of lib/ui/confidentiality). */
export async function getDraftReviews(db: Db, draftId: string): Promise<string[]> {
  const parsed = reviewsSchema.safeParse(await db.get('meta', META.privacyReviews));
  return parsed.success ? (parsed.data[draftId] ?? []) : [];
}

/** Stores what the draft marked as fine, forgetting the reviews of drafts that are gone (delegated or discarded). */
export async function saveDraftReviews(db: Db, draftId: string, keys: readonly string[]): Promise<void> {
  const tx = db.transaction(['meta', 'drafts'], 'readwrite');
  const parsed = reviewsSchema.safeParse(await tx.objectStore('meta').get(META.privacyReviews));
  const drafts = new Set(await tx.objectStore('drafts').getAllKeys());
  const kept: Record<string, string[]> = {};
  for (const [id, reviewed] of Object.entries(parsed.success ? parsed.data : {})) if (drafts.has(id)) kept[id] = reviewed;
  kept[draftId] = [...new Set(keys)];
  await tx.objectStore('meta').put(kept, META.privacyReviews);
  await tx.done;
  announceChange({ db: db.name, kind: 'meta', ids: [META.privacyReviews] });
}
