import type { SensitiveSpan, SensitiveType } from './types';

/** One placeholder and what it stands for; kept on the client's devices only (DESIGN.md, "Local only"). */
export interface PlaceholderEntry {
  placeholder: string;
  original: string;
  type: SensitiveType;
}

/** The mapping placeholder → original: a plain, serialisable object. */
export interface PlaceholderMapping {
  entries: PlaceholderEntry[];
}

/** A piece of restored text: plain text, or a placeholder with the original it stands for. */
export type RestoredSegment = { text: string } | { placeholder: string; original: string; type: SensitiveType };

/** The German word in each type's placeholder: `[IBAN 1]`, `[Mandant 2]`. */
export const PLACEHOLDER_LABELS: Readonly<Record<SensitiveType, string>> = Object.freeze({
  name: 'Mandant',
  iban: 'IBAN',
  card: 'Karte',
  email: 'E-Mail',
  phone: 'Telefon',
  'tax-id': 'Steuer-ID',
  'vat-id': 'USt-ID',
  'pension-number': 'RV-Nummer',
  'health-insurance-number': 'KVNR',
  'id-document': 'Ausweis',
  'birth-date': 'Geburtsdatum',
  'file-number': 'Aktenzeichen',
});

const LABEL_TYPES = new Map(Object.entries(PLACEHOLDER_LABELS).map(([type, label]) => [label.toLowerCase(), type as SensitiveType]));
const labelAlternatives = Object.values(PLACEHOLDER_LABELS)
  .map((label) => label.replace('-', '\\s?-?\\s?'))
  .join('|');
// Tolerant of how an assistant retypes a placeholder: "[iban 1]", "[ Telefon  2 ]", "[E - Mail 1]".
const PLACEHOLDER = new RegExp(`\\[\\s*(${labelAlternatives})\\s*(\\d+)\\s*\\]`, 'gi');

/** An empty mapping. */
export function emptyMapping(): PlaceholderMapping {
  return { entries: [] };
}

/** The key under which two spellings count as the same original: IBAN compact upper case, e-mail lower case, phone digits. */
export function normalizeOriginal(type: SensitiveType, original: string): string {
  switch (type) {
    case 'iban':
    case 'vat-id':
    case 'pension-number':
    case 'health-insurance-number':
    case 'id-document':
      return original.replace(/\s/g, '').toUpperCase();
    case 'card':
    case 'tax-id':
      return original.replace(/\D/g, '');
    case 'phone':
      // "+49 30 …", "0049 30 …" and "+49 (0)30 …" are one number; national "030 …" stays its own.
      return original.replace(/\(0\)/, '').replace(/^\+/, '00').replace(/\D/g, '');
    case 'email':
      return original.toLowerCase();
    default:
      return original.normalize('NFC').replace(/\s+/g, ' ').toLowerCase();
  }
}

/** The placeholder of `original` in `mapping`, allocating the type's next number for a new one. */
export function allocatePlaceholder(
  mapping: PlaceholderMapping,
  type: SensitiveType,
  original: string,
): { placeholder: string; mapping: PlaceholderMapping } {
  const key = normalizeOriginal(type, original);
  const known = mapping.entries.find((entry) => entry.type === type && normalizeOriginal(type, entry.original) === key);
  if (known) return { placeholder: known.placeholder, mapping };
  const label = PLACEHOLDER_LABELS[type];
  const used = mapping.entries.filter((entry) => entry.type === type).map((entry) => Number(/(\d+)\]$/.exec(entry.placeholder)?.[1] ?? 0));
  const placeholder = `[${label} ${Math.max(0, ...used) + 1}]`;
  return { placeholder, mapping: { entries: [...mapping.entries, { placeholder, original, type }] } };
}

/**
 * Replaces the hits (sorted, non-overlapping, as `scanSensitive` returns them) with placeholders,
 * numbering new originals in reading order. Pure: returns the new text and the updated mapping.
 */
export function redact(
  text: string,
  hits: readonly SensitiveSpan[],
  mapping: PlaceholderMapping,
): { text: string; mapping: PlaceholderMapping } {
  let current = mapping;
  let result = '';
  let position = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < position || hit.end > text.length) throw new RangeError(`Hit ${hit.start}–${hit.end} overlaps or is out of range`);
    const allocated = allocatePlaceholder(current, hit.type, text.slice(hit.start, hit.end));
    current = allocated.mapping;
    result += text.slice(position, hit.start) + allocated.placeholder;
    position = hit.end;
  }
  return { text: result + text.slice(position), mapping: current };
}

/** "Replace all": the same as `redact`, under the name the draft's button uses. */
export const replaceAll = redact;

/** Replaces one hit (the lawyer's one-by-one choice); scan again afterwards, the other offsets moved. */
export function replaceOne(text: string, hit: SensitiveSpan, mapping: PlaceholderMapping): { text: string; mapping: PlaceholderMapping } {
  return redact(text, [hit], mapping);
}

/**
 * Splits text (also text the assistant wrote) into plain pieces and known placeholders with their
 * originals, so the client sees each original next to its placeholder. Unknown placeholders stay text.
 */
export function restore(text: string, mapping: PlaceholderMapping): RestoredSegment[] {
  const byPlaceholder = new Map(mapping.entries.map((entry) => [entry.placeholder.toLowerCase(), entry]));
  const segments: RestoredSegment[] = [];
  let position = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const type = LABEL_TYPES.get(match[1].replace(/\s/g, '').toLowerCase());
    const entry = type && byPlaceholder.get(`[${PLACEHOLDER_LABELS[type]} ${Number(match[2])}]`.toLowerCase());
    if (!entry) continue;
    if (match.index > position) segments.push({ text: text.slice(position, match.index) });
    segments.push({ placeholder: match[0], original: entry.original, type: entry.type });
    position = match.index + match[0].length;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return segments;
}

/** The text with every known placeholder put back to its original. */
export function restoreText(text: string, mapping: PlaceholderMapping): string {
  return restore(text, mapping)
    .map((segment) => ('text' in segment ? segment.text : segment.original))
    .join('');
}
