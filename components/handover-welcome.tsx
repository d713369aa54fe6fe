import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { affectsHandover, handoverRequestedOfMe, markHandoverSeen, welcomePackage } from '../lib/store/handover';
import { errorMessage } from '../lib/ui/labels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { LazyView } from './lazy-view';
import { useStoreQuery } from './use-store-query';

/** The package's view and export, shown once to a successor: not on every opening of the panel (issue 14). */
const loadPackageView = () => import('./handover-package');

/**
 * The side panel's task list, or before it, once, the handover package a successor was handed
 * (her first page); for the outgoing assistant, a note that her package is awaited.
 */
export function HandoverWelcome({ children, onOpenConnection }: { children: ComponentChildren; onOpenConnection: () => void }) {
  const db = useDb();
  const id = useId();
  const { data: welcome } = useStoreQuery(welcomePackage, affectsHandover);
  const { data: requested } = useStoreQuery(handoverRequestedOfMe, affectsHandover);
  const [failure, setFailure] = useState<string | null>(null);

  const content = welcome?.content;
  if (welcome && content) {
    const seen = () => markHandoverSeen(db, welcome.id).catch((error: unknown) => setFailure(errorMessage('save', error)));
    return (
      <section class="handover-welcome" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>{i18n.t('handover.welcomeHeading')}</h1>
        <p>{i18n.t('handover.welcome')}</p>
        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        <LazyView load={loadPackageView}>
          {({ HandoverPackageView, HandoverExport }) => (
            <>
              <HandoverPackageView content={content} />
              <HandoverExport content={content} />
            </>
          )}
        </LazyView>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void seen()}>
            {i18n.t('handover.toTasks')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <>
      {requested && (
        <div class="note handover-request" role="status">
          <p>{i18n.t('handover.requested')}</p>
          <button type="button" class="link-button" onClick={onOpenConnection}>
            {i18n.t('handover.prepare')}
          </button>
        </div>
      )}
      {children}
    </>
  );
}
