import { i18n } from '#i18n';
import type { TaskSource } from '../lib/model';
import { formatDateTime } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { documentTypeLabel, sourceTypeLabel } from '../lib/ui/labels';
import { safeHref } from '../lib/ui/markdown';
import { MAX_QUOTE_CHARS } from '../lib/model';
import { quoteSegments, quoteWasCut } from '../lib/ui/quote';

/** Where a task came from: type, link (new tab), title, the quote with its line breaks. */
export function SourceView({ source }: { source: TaskSource }) {
  const href = source.url ? safeHref(source.url) : null;
  const label = source.title || source.url || '';
  return (
    <section class="source" aria-label={i18n.t('field.source')}>
      <h2 class="subheading">{i18n.t('field.source')}</h2>
      <p class="source-meta">
        <span class="badge">{sourceTypeLabel(source.type)}</span>
        {source.documentType && <span class="badge">{i18n.t('field.documentType', [documentTypeLabel(source.documentType)])}</span>}
      </p>
      {href ? (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer" title={i18n.t('field.sourceLink')}>
            {label}
          </a>
        </p>
      ) : (
        label && <p>{label}</p>
      )}
      {source.quote && (
        <figure class="quote">
          <figcaption class="hint">{i18n.t('field.quote')}</figcaption>
          {quoteWasCut(source.quote) && <p class="warning">{i18n.t('field.quoteCut', [MAX_QUOTE_CHARS.toLocaleString(uiLocale())])}</p>}
          {/* A long quote scrolls: focusable, so the keyboard can scroll it too. */}
          <blockquote tabIndex={0}>
            {quoteSegments(source.quote).map((segment, index) =>
              'href' in segment ? (
                <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
                  {segment.text}
                </a>
              ) : (
                segment.text
              ),
            )}
          </blockquote>
        </figure>
      )}
      <p class="hint">{i18n.t('field.capturedAt', [formatDateTime(source.capturedAt, uiLocale())])}</p>
    </section>
  );
}
