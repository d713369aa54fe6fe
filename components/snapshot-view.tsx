import { i18n } from '#i18n';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Snapshot } from '../lib/model';
import { uiLocale } from '../lib/browser/ui-locale';
import { getRecord } from '../lib/store';
import { affectsSnapshot, readTaskSnapshot } from '../lib/store/snapshots';
import { formatDateTime } from '../lib/ui/format';
import { safeHref } from '../lib/ui/markdown';
import { formatSize, MAX_HIGHLIGHTS, searchPieces } from '../lib/snapshot/view';
import { ErrorAlert } from './error-alert';
import { useStoreQuery } from './use-store-query';
import { errorMessage } from '../lib/ui/labels';

/**
 * "Page as the client saw it" in the task view, for the assistant and the client alike. Closed
 * at first: only the small record is read until someone opens it, then the parts are
 * reassembled and checked. Everything from the page is rendered as text nodes.
 */
export function SnapshotView({ taskId }: { taskId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { data: snapshot } = useStoreQuery((db) => getRecord(db, 'snapshot', taskId), affectsSnapshot(taskId), [taskId]);
  if (!snapshot) return null;
  return (
    <section class="source snapshot" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('snapshot.heading')}
      </h2>
      <SnapshotFacts snapshot={snapshot} />
      <div class="actions">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {i18n.t(open ? 'snapshot.close' : 'snapshot.open')}
        </button>
      </div>
      {open && <SnapshotReader taskId={taskId} />}
    </section>
  );
}

function SnapshotFacts({ snapshot }: { snapshot: Snapshot }) {
  const href = snapshot.url ? safeHref(snapshot.url) : null;
  const label = snapshot.title || snapshot.url || '';
  const locale = uiLocale();
  return (
    <>
      {href ? (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer" title={i18n.t('field.sourceLink')}>
            {label}
          </a>
        </p>
      ) : (
        label && <p>{label}</p>
      )}
      {(snapshot.byline || snapshot.siteName || snapshot.publishedTime) && (
        <p class="hint">
          {[
            snapshot.siteName,
            snapshot.byline && i18n.t('snapshot.byline', [snapshot.byline]),
            snapshot.publishedTime && i18n.t('snapshot.published', [formatDateTime(snapshot.publishedTime, locale)]),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      <p class="hint">{i18n.t('snapshot.meta', [formatSize(snapshot.bytes, locale), formatDateTime(snapshot.capturedAt, locale)])}</p>
      {snapshot.shortened && <p class="warning">{i18n.t('snapshot.shortened')}</p>}
    </>
  );
}

function SnapshotReader({ taskId }: { taskId: string }) {
  const { data, error, loaded } = useStoreQuery((db) => readTaskSnapshot(db, taskId), affectsSnapshot(taskId), [taskId]);
  if (error) return <ErrorAlert message={errorMessage('load', error)} />;
  if (!loaded || !data) return <p class="hint">{i18n.t('snapshot.loading')}</p>;
  if (data.state === 'none') return null;
  if (data.state === 'incomplete') {
    return (
      <p class="warning" role="status">
        {i18n.t(data.reason === 'missing-part' ? 'snapshot.incomplete' : 'snapshot.corrupt')}
      </p>
    );
  }
  return <SearchableText text={data.text} />;
}

function SearchableText({ text }: { text: string }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const { pieces, matches } = useMemo(() => searchPieces(text, query), [text, query]);
  const body = useRef<HTMLQuoteElement>(null);
  useEffect(() => {
    // The first match into view, within the scrolling text only (not the whole panel).
    const first = body.current?.querySelector('mark');
    if (first && body.current) body.current.scrollTop = (first as HTMLElement).offsetTop - body.current.offsetTop - 24;
  }, [pieces]);
  return (
    <>
      <div class="field">
        <label for={`${id}-search`}>{i18n.t('snapshot.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          aria-describedby={`${id}-count`}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        {query.trim() && (
          <p id={`${id}-count`} class="hint" role="status">
            {matches > MAX_HIGHLIGHTS
              ? i18n.t('snapshot.matchesCapped', [String(matches), String(MAX_HIGHLIGHTS)])
              : i18n.t('snapshot.matches', matches)}
          </p>
        )}
      </div>
      <figure class="quote">
        <figcaption class="hint">{i18n.t('snapshot.text')}</figcaption>
        <blockquote ref={body} tabIndex={0}>
          {pieces.map((piece, index) => (piece.match ? <mark key={index}>{piece.text}</mark> : piece.text))}
        </blockquote>
      </figure>
    </>
  );
}
