import { i18n } from '#i18n';
import type { PlaceholderMapping } from '../lib/privacy';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { affectsPrivacy } from '../lib/store';
import { getDraftReviews, getPrivacySettings, saveDraftReviews, updatePlaceholderMapping } from '../lib/store/privacy';
import {
  blockedNow,
  checkView,
  markFine,
  replaceAllInFields,
  replaceHitInFields,
  scanFieldsDeferred,
  sensitiveTypeLabel,
  unmarkFine,
  type CheckField,
  type CheckHit,
  type CheckView,
  type FieldScan,
  type Replacement,
} from '../lib/ui/confidentiality';
import { errorMessage } from '../lib/ui/labels';
import { usePrivacy, type Privacy } from './confidentiality-context';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { useStoreQuery } from './use-store-query';

/** Pause after typing before the fields are scanned again. */
const SCAN_DEBOUNCE_MS = 250;

/** Lets the browser handle input between two windows of a long scan. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ConfidentialityCheckState {
  /** What the last scan found; null until the first scan finished. */
  view: CheckView | null;
  /** Why the fields as they are right now may not be delegated; null when they may. */
  blockedNow: () => Promise<string | null>;
  replaceAll: () => Promise<void>;
  replace: (hit: CheckHit) => Promise<void>;
  setFine: (hit: CheckHit, fine: boolean) => Promise<void>;
  fieldLabel: (name: string) => string;
  failure: string | null;
  clearFailure: () => void;
}

/**
 * The check of a draft's named text fields: scans them after a pause in typing (a long text in
 * windows, so typing never waits), and writes replacements back through `apply` once the
 * placeholders they use are stored in the mapping.
 */
export function useConfidentialityCheck(
  draftId: string,
  fields: CheckField[],
  apply: (texts: Record<string, string>) => void,
): ConfidentialityCheckState {
  const db = useDb();
  const privacy = usePrivacy().data;
  const { data: reviewed } = useStoreQuery((db) => getDraftReviews(db, draftId), affectsPrivacy, [draftId]);
  const [scan, setScan] = useState<FieldScan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(fields);
  latest.current = fields;
  // Hits of texts already scanned under these settings: typing in one field rescans only that one.
  const cache = useRef<{ settingsKey: string; scan: FieldScan }>({ settingsKey: '', scan: {} });
  const settingsKey = privacy ? JSON.stringify(privacy.settings) : '';
  const textsKey = JSON.stringify(fields.map((field) => [field.name, field.text]));
  const scanned = scan !== null;

  useEffect(() => {
    if (!privacy) return;
    if (cache.current.settingsKey !== settingsKey) cache.current = { settingsKey, scan: {} };
    let cancelled = false;
    const timer = setTimeout(
      () => {
        void scanFieldsDeferred(latest.current, privacy.settings, cache.current.scan, pause, () => cancelled).then((result) => {
          if (!result || cancelled) return;
          cache.current.scan = result;
          setScan(result);
        });
      },
      scanned ? SCAN_DEBOUNCE_MS : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [textsKey, settingsKey]);

  const view = scan && privacy && reviewed ? checkView(scan, fields, privacy.settings, reviewed) : null;

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage('save', error));
    }
  };

  const replaceWith = (change: (mapping: PlaceholderMapping, privacy: Privacy) => Replacement) =>
    run(async () => {
      if (!privacy) return;
      let texts: Record<string, string> = {};
      // The placeholders are stored before any text uses them: an original is never lost.
      await updatePlaceholderMapping(db, privacy.workspaceId, (mapping) => {
        const result = change(mapping, privacy);
        texts = result.texts;
        return result.mapping;
      });
      if (Object.keys(texts).length > 0) apply(texts);
    });

  return {
    view,
    // Right after the draft opened the settings or reviews may not be read yet: read them here then.
    blockedNow: async () =>
      blockedNow(
        latest.current,
        privacy?.settings ?? (await getPrivacySettings(db)),
        reviewed ?? (await getDraftReviews(db, draftId)),
        cache.current.scan,
      ),
    replaceAll: () => replaceWith((mapping, { settings }) => replaceAllInFields(latest.current, settings, reviewed ?? [], mapping)),
    replace: (hit) => replaceWith((mapping) => replaceHitInFields(latest.current, hit, mapping)),
    setFine: (hit, fine) =>
      run(() => saveDraftReviews(db, draftId, fine ? markFine(reviewed ?? [], hit) : unmarkFine(reviewed ?? [], hit))),
    fieldLabel: (name) => fields.find((field) => field.name === name)?.label ?? name,
    failure,
    clearFailure: () => setFailure(null),
  };
}

/** The check's panel in the draft: a chip per type, the hits in context, and what to do with each. */
export function ConfidentialityCheck({ check }: { check: ConfidentialityCheckState }) {
  const id = useId();
  const { view } = check;
  return (
    <section class="confidentiality" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('privacy.heading')}
      </h2>
      <p class="hint">{i18n.t('privacy.intro')}</p>
      <ErrorAlert message={check.failure} onDismiss={check.clearFailure} />
      {!view ? (
        <p class="hint" role="status">
          {i18n.t('privacy.scanning')}
        </p>
      ) : view.hits.length === 0 ? (
        <p class="hint" role="status">
          {i18n.t('privacy.clean')}
        </p>
      ) : (
        <>
          <ul class="source-meta" aria-label={i18n.t('privacy.chipsLabel')}>
            {view.chips.map((chip) => (
              <li key={chip.type} class={chip.open > 0 ? 'badge badge-question' : 'badge'}>
                {`${chip.label}: ${chip.count}`}
                {chip.open > 0 && ` · ${i18n.t('privacy.chipOpen', [String(chip.open)])}`}
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" aria-describedby={`${id}-replace-all`} onClick={() => void check.replaceAll()}>
              {i18n.t('privacy.replaceAll')}
            </button>
            <span id={`${id}-replace-all`} class="hint">
              {i18n.t('privacy.replaceAllHint')}
            </span>
          </div>
          <ul class="thread" aria-label={i18n.t('privacy.hitsLabel')}>
            {view.hits.map((hit) => (
              <HitItem key={`${hit.field}-${hit.start}-${hit.end}`} hit={hit} check={check} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function HitItem({ hit, check }: { hit: CheckHit; check: ConfidentialityCheckState }) {
  const type = sensitiveTypeLabel(hit.type);
  const field = check.fieldLabel(hit.field);
  return (
    <li class="comment">
      <p class="comment-meta">
        <span class="badge">{type}</span>
        <span>{i18n.t('privacy.inField', [field])}</span>
        {hit.blocking && !hit.fine && <strong>{i18n.t('privacy.mustReview')}</strong>}
        {hit.fine && <span>{i18n.t('privacy.markedFine')}</span>}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }}>
        {hit.context.before}
        <mark>{hit.context.hit}</mark>
        {hit.context.after}
      </p>
      <div class="actions">
        <button
          type="button"
          aria-label={i18n.t('privacy.replaceNamed', [type, hit.original, field])}
          onClick={() => void check.replace(hit)}
        >
          {i18n.t('privacy.replace')}
        </button>
        {hit.fine ? (
          <button
            type="button"
            aria-label={i18n.t('privacy.unmarkNamed', [type, hit.original])}
            onClick={() => void check.setFine(hit, false)}
          >
            {i18n.t('privacy.unmark')}
          </button>
        ) : (
          <button
            type="button"
            aria-label={i18n.t('privacy.fineNamed', [type, hit.original])}
            onClick={() => void check.setFine(hit, true)}
          >
            {i18n.t('privacy.fine')}
          </button>
        )}
      </div>
    </li>
  );
}
