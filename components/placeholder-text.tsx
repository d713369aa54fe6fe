import { i18n } from '#i18n';
import { Fragment } from 'preact';
import { restore, type PlaceholderMapping } from '../lib/privacy/redact';
import { annotatePlaceholders, placeholdersIn } from '../lib/ui/placeholders';
import { usePrivacy } from './confidentiality-context';

/**
 * Text with placeholders; on the client's device each known placeholder is followed by its
 * original, `[IBAN 1] (DE89 …)`. Every piece is a string child, so it is always escaped.
 */
export function PlaceholderText({ text, mapping }: { text: string; mapping: PlaceholderMapping }) {
  return (
    <>
      {restore(text, mapping).map((segment, index) =>
        'text' in segment ? (
          segment.text
        ) : (
          <span key={index} class="placeholder">
            <mark>{segment.placeholder}</mark> <span class="placeholder-original">({segment.original})</span>
          </span>
        ),
      )}
    </>
  );
}

/** The mapping of this device (empty on the assistant's); empty until read. */
export function useMapping(): PlaceholderMapping {
  return usePrivacy().data?.mapping ?? EMPTY;
}

const EMPTY: PlaceholderMapping = { entries: [] };

/** Turns markdown with placeholders into markdown with each original next to its placeholder (the client's device). */
export function useShowOriginals(): (markdown: string) => string {
  const mapping = useMapping();
  return (markdown) => annotatePlaceholders(markdown, mapping);
}

/**
 * The placeholders in these texts with their originals, for fields shown in inputs (where no
 * original can stand inline). Nothing on a device that has no mapping, as the assistant's.
 */
export function PlaceholderLegend({ texts, label = i18n.t('privacy.legend') }: { texts: readonly string[]; label?: string }) {
  const found = placeholdersIn(texts, useMapping());
  if (found.length === 0) return null;
  return (
    <section class="placeholder-legend" aria-label={label}>
      <p class="hint">{label}</p>
      <dl class="details">
        {found.map((entry) => (
          <Fragment key={entry.placeholder}>
            <dt>
              <mark>{entry.placeholder}</mark>
            </dt>
            <dd>{entry.original}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

/** Text that may hold placeholders, with the originals on the client's device, under a label; nothing when none is known. */
export function PlaceholderPreview({ text, label }: { text: string; label: string }) {
  const mapping = useMapping();
  if (placeholdersIn([text], mapping).length === 0) return null;
  return (
    <figure class="placeholder-preview">
      <figcaption class="hint">{label}</figcaption>
      <p style={{ whiteSpace: 'pre-wrap' }}>
        <PlaceholderText text={text} mapping={mapping} />
      </p>
    </figure>
  );
}
