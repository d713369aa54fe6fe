/**
 * Placeholders shown to the client (issue 12): each original next to its placeholder. Apart from
 * the draft's check (lib/ui/confidentiality.ts), so the task views do not load the detectors
 * (issue 14: ibantools alone was 37 KB of the side panel's first module).
 */
import type { SensitiveType } from '../privacy';
import { restore, type PlaceholderMapping } from '../privacy/redact';

/** Characters the markdown subset reads as markup; an original shown next to its placeholder stays text. */
const MARKDOWN_SPECIAL = /[\\*_[\]()]/g;

/**
 * The markdown text with each known placeholder followed by its original in brackets,
 * `[IBAN 1] (DE89 …)`, the original escaped so it renders as the text it is.
 */
export function annotatePlaceholders(text: string, mapping: PlaceholderMapping): string {
  if (mapping.entries.length === 0) return text;
  return restore(text, mapping)
    .map((segment) => ('text' in segment ? segment.text : `${segment.placeholder} (${segment.original.replace(MARKDOWN_SPECIAL, '\\$&')})`))
    .join('');
}

/** The known placeholders in these texts, once each, in order of first appearance. */
export function placeholdersIn(
  texts: readonly string[],
  mapping: PlaceholderMapping,
): { placeholder: string; original: string; type: SensitiveType }[] {
  if (mapping.entries.length === 0) return [];
  const seen = new Map<string, { placeholder: string; original: string; type: SensitiveType }>();
  for (const text of texts) {
    for (const segment of restore(text, mapping)) {
      if ('placeholder' in segment && !seen.has(segment.original)) seen.set(segment.original, segment);
    }
  }
  return [...seen.values()];
}
