import { i18n } from '#i18n';
import { useId } from 'preact/hooks';
import type { Db } from '../lib/store';
import { authorDeviceId } from '../lib/store';
import { affectsHandover, openHandover, packageForSuccessor } from '../lib/store/handover';
import { HandoverEditor } from './handover-editor';
import { HandoverExport, HandoverPackageView } from './handover-package';
import { useStoreQuery } from './use-store-query';

async function assistantHandover(db: Db) {
  const [open, me, handed] = await Promise.all([openHandover(db), authorDeviceId(db), packageForSuccessor(db)]);
  return { outgoing: open && open.authorDevice === me ? open : null, handed };
}

/** On an assistant's Connection page: her package to draft when she is leaving, or the package she was handed. */
export function HandoverAssistant() {
  const id = useId();
  const { data } = useStoreQuery(assistantHandover, affectsHandover);
  if (data?.outgoing) return <HandoverEditor key={data.outgoing.id} handover={data.outgoing} />;
  if (!data?.handed?.content) return null;
  return (
    <section class="handover" aria-labelledby={`${id}-heading`}>
      <details>
        <summary id={`${id}-heading`}>{i18n.t('handover.handedHeading')}</summary>
        <HandoverPackageView content={data.handed.content} headingLevel={3} />
        <HandoverExport content={data.handed.content} />
      </details>
    </section>
  );
}
