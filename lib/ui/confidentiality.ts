/**
 * The draft's confidentiality check as a view model (issue 12): which named text fields hold
 * what, the chips per type, what still blocks delegating, and the replacements that put
 * placeholders in while keeping the workspace's mapping consistent. Pure apart from `#i18n`.
 */
import { i18n } from '#i18n';
import type { TaskDraft } from '../model';
import {
  SENSITIVE_TYPES,
  isBlocking,
  normalizeOriginal,
  redact,
  scanSensitive,
  type PlaceholderMapping,
  type PrivacySettings,
  type SensitiveSpan,
  type SensitiveType,
} from '../privacy';

/** A text the check reads, by name; the draft's fields, and the page snapshot once it exists. */
export interface CheckField {
  name: string;
  label: string;
  text: string;
}

/** What a scan reads besides the text: the switched-on types and the client's names. */
export interface CheckSettings extends PrivacySettings {
  readonly names: readonly string[];
}

/** One hit in one field, with what the client decided about it. */
export interface CheckHit extends SensitiveSpan {
  field: string;
  original: string;
  /** Same key, same original: marking one as fine marks every occurrence in the draft. */
  key: string;
  blocking: boolean;
  fine: boolean;
  /** The hit in its text, for the list. */
  context: HitContext;
}

/** A hit with a little of the text around it. */
export interface HitContext {
  before: string;
  hit: string;
  after: string;
}

/** A chip: one type, how often it was found, and how many of those still block delegating. */
export interface TypeChip {
  type: SensitiveType;
  label: string;
  count: number;
  open: number;
}

export interface CheckView {
  hits: CheckHit[];
  chips: TypeChip[];
  /** Blocking hits neither replaced nor marked as fine. */
  openBlocking: number;
  /** Why Delegate does not work yet; null when it does. */
  blockedReason: string | null;
}

/** The hits of each field, by field name, with the text they were found in. */
export type FieldScan = Record<string, { text: string; spans: SensitiveSpan[] }>;

/** The texts of a draft the check reads. The page snapshot (issue 12, part 2) joins this list. */
export function draftCheckFields(draft: TaskDraft): CheckField[] {
  return [
    { name: 'title', label: i18n.t('field.title'), text: draft.title },
    { name: 'instructions', label: i18n.t('field.instructions'), text: draft.instructions },
    { name: 'quote', label: i18n.t('field.quote'), text: draft.source.quote ?? '' },
    // The page snapshot travels with the task only when included: then it is checked like the rest.
    ...(draft.snapshotText !== undefined && draft.snapshot?.include
      ? [{ name: 'snapshot', label: i18n.t('snapshot.heading'), text: draft.snapshotText }]
      : []),
  ];
}

/** The draft with the fields' new texts written back (the inverse of `draftCheckFields`). */
export function applyFieldTexts(
  draft: TaskDraft,
  texts: Record<string, string>,
): Pick<TaskDraft, 'title' | 'instructions' | 'source' | 'snapshotText'> {
  const quote = texts.quote ?? draft.source.quote;
  return {
    title: texts.title ?? draft.title,
    instructions: texts.instructions ?? draft.instructions,
    source: quote === undefined ? draft.source : { ...draft.source, quote },
    snapshotText: texts.snapshot ?? draft.snapshotText,
  };
}

/** The marked-as-fine key of an original: the same original in another spelling is the same hit. */
export function hitKey(type: SensitiveType, original: string): string {
  return `${type}:${normalizeOriginal(type, original)}`;
}

function scanOptions(settings: CheckSettings) {
  return { names: [...settings.names], types: settings.enabledTypes };
}

/** Scans every field now. */
export function scanFields(fields: readonly CheckField[], settings: CheckSettings, previous: FieldScan = {}): FieldScan {
  const result: FieldScan = {};
  for (const field of fields) {
    const known = previous[field.name];
    result[field.name] =
      known && known.text === field.text ? known : { text: field.text, spans: scanSensitive(field.text, scanOptions(settings)) };
  }
  return result;
}

/** Texts up to this length are scanned in one go (about 2 ms); longer ones in windows of it. */
export const SCAN_CHUNK = 4000;
/** Context each window reads beyond its own part, so no hit is cut or misjudged at a border. */
const SCAN_OVERLAP = 300;

/**
 * Scans one text in windows, awaiting `pause()` between them so typing is never held up by a long
 * quote (100,000 characters take about 90 ms in one go). Every hit is judged with at least
 * `SCAN_OVERLAP` characters of context on each side, as in one scan; returns null when `cancelled()`.
 */
export async function scanInChunks(
  text: string,
  settings: CheckSettings,
  pause: () => Promise<void>,
  cancelled: () => boolean = () => false,
): Promise<SensitiveSpan[] | null> {
  if (text.length <= SCAN_CHUNK) return scanSensitive(text, scanOptions(settings));
  const spans: SensitiveSpan[] = [];
  let from = 0;
  for (let part = 0; part < text.length; part += SCAN_CHUNK) {
    if (part > 0) await pause();
    if (cancelled()) return null;
    const windowStart = Math.max(0, part - SCAN_OVERLAP);
    const windowText = text.slice(windowStart, part + SCAN_CHUNK + SCAN_OVERLAP);
    for (const span of scanSensitive(windowText, scanOptions(settings))) {
      const start = span.start + windowStart;
      // A window owns the hits starting in its part, after the hits of the previous window.
      if (start < Math.max(part, from) || start >= part + SCAN_CHUNK) continue;
      spans.push({ start, end: span.end + windowStart, type: span.type });
      from = span.end + windowStart;
    }
  }
  return spans;
}

/** Scans the fields, reusing the hits of unchanged texts and deferring between windows; null when cancelled. */
export async function scanFieldsDeferred(
  fields: readonly CheckField[],
  settings: CheckSettings,
  previous: FieldScan,
  pause: () => Promise<void>,
  cancelled: () => boolean,
): Promise<FieldScan | null> {
  const result: FieldScan = {};
  for (const field of fields) {
    const known = previous[field.name];
    if (known && known.text === field.text) {
      result[field.name] = known;
      continue;
    }
    const spans = await scanInChunks(field.text, settings, pause, cancelled);
    if (!spans) return null;
    result[field.name] = { text: field.text, spans };
  }
  return result;
}

const TYPE_LABEL = {
  iban: 'privacy.type.iban',
  card: 'privacy.type.card',
  email: 'privacy.type.email',
  phone: 'privacy.type.phone',
  'tax-id': 'privacy.type.taxId',
  'vat-id': 'privacy.type.vatId',
  'pension-number': 'privacy.type.pensionNumber',
  'health-insurance-number': 'privacy.type.healthInsuranceNumber',
  'id-document': 'privacy.type.idDocument',
  'birth-date': 'privacy.type.birthDate',
  'file-number': 'privacy.type.fileNumber',
  name: 'privacy.type.name',
} as const satisfies Record<SensitiveType, string>;

/** The type's name on a chip and in the settings. */
export function sensitiveTypeLabel(type: SensitiveType): string {
  return i18n.t(TYPE_LABEL[type]);
}

/** The sentence that says why Delegate does not work, for `open` unreviewed blocking hits. */
export function blockedReason(open: number): string | null {
  return open === 0 ? null : i18n.t('privacy.blocked', open);
}

/** The check's view: hits in field order, a chip per type found (in the settings' order), and what blocks. */
export function checkView(scan: FieldScan, fields: readonly CheckField[], settings: CheckSettings, reviewed: readonly string[]): CheckView {
  const fine = new Set(reviewed);
  const hits: CheckHit[] = [];
  for (const field of fields) {
    const scanned = scan[field.name];
    if (!scanned) continue;
    for (const span of scanned.spans) {
      const original = scanned.text.slice(span.start, span.end);
      const key = hitKey(span.type, original);
      const blocking = isBlocking(span.type, settings);
      hits.push({ ...span, field: field.name, original, key, blocking, fine: fine.has(key), context: hitContext(scanned.text, span) });
    }
  }
  const chips = SENSITIVE_TYPES.flatMap((type): TypeChip[] => {
    const ofType = hits.filter((hit) => hit.type === type);
    if (ofType.length === 0) return [];
    return [
      { type, label: sensitiveTypeLabel(type), count: ofType.length, open: ofType.filter((hit) => hit.blocking && !hit.fine).length },
    ];
  });
  const openBlocking = chips.reduce((sum, chip) => sum + chip.open, 0);
  return { hits, chips, openBlocking, blockedReason: blockedReason(openBlocking) };
}

/** Why the fields as they are now may not be delegated (a fresh scan: the debounced one may lag behind typing). */
export function blockedNow(
  fields: readonly CheckField[],
  settings: CheckSettings,
  reviewed: readonly string[],
  previous: FieldScan = {},
): string | null {
  return checkView(scanFields(fields, settings, previous), fields, settings, reviewed).blockedReason;
}

/** New texts of the fields that changed, by name, and the mapping that covers their placeholders. */
export interface Replacement {
  texts: Record<string, string>;
  mapping: PlaceholderMapping;
}

/** The fields' texts after replacing `hits` (offsets into the current texts) and the mapping that now covers them. */
function replaceHits(fields: readonly CheckField[], hits: readonly CheckHit[], mapping: PlaceholderMapping): Replacement {
  let current = mapping;
  const texts: Record<string, string> = {};
  for (const field of fields) {
    // Only hits that still say what they said when found: the text may have changed since.
    const mine = hits.filter((hit) => hit.field === field.name && field.text.slice(hit.start, hit.end) === hit.original);
    if (mine.length === 0) continue;
    const redacted = redact(field.text, mine, current);
    texts[field.name] = redacted.text;
    current = redacted.mapping;
  }
  return { texts, mapping: current };
}

/**
 * "Replace all": every hit not marked as fine becomes its placeholder, the same original the same
 * placeholder across fields and drafts; scans the fields as they are now.
 */
export function replaceAllInFields(
  fields: readonly CheckField[],
  settings: CheckSettings,
  reviewed: readonly string[],
  mapping: PlaceholderMapping,
): Replacement {
  const { hits } = checkView(scanFields(fields, settings), fields, settings, reviewed);
  return replaceHits(
    fields,
    hits.filter((hit) => !hit.fine),
    mapping,
  );
}

/** Replaces one hit; nothing changes when the field no longer holds it where it was found. */
export function replaceHitInFields(fields: readonly CheckField[], hit: CheckHit, mapping: PlaceholderMapping): Replacement {
  return replaceHits(fields, [hit], mapping);
}

/** The reviewed keys with this hit marked as fine. */
export function markFine(reviewed: readonly string[], hit: Pick<CheckHit, 'key'>): string[] {
  return reviewed.includes(hit.key) ? [...reviewed] : [...reviewed, hit.key];
}

/** The reviewed keys with this hit to be checked again. */
export function unmarkFine(reviewed: readonly string[], hit: Pick<CheckHit, 'key'>): string[] {
  return reviewed.filter((key) => key !== hit.key);
}

/** A hit in its context, for the list: the text before, the hit, the text after (each at most `around` characters). */
export function hitContext(text: string, hit: Pick<SensitiveSpan, 'start' | 'end'>, around = 30): HitContext {
  const from = Math.max(0, hit.start - around);
  const to = Math.min(text.length, hit.end + around);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, hit.start),
    hit: text.slice(hit.start, hit.end),
    after: text.slice(hit.end, to) + (to < text.length ? '…' : ''),
  };
}
