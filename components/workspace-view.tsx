import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { clearConnection, type Connection } from '../lib/sync/connection';
import { errorMessage, roleLabel } from '../lib/ui/labels';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { DeviceList } from './device-list';
import { ErrorAlert } from './error-alert';
import { HandoverAssistant } from './handover-assistant';
import { HandoverClient } from './handover-client';
import { InviteAssistant } from './invite-assistant';
import type { ViewPlatform } from './platform';
import { SyncState } from './sync-state';

/** A paired device's Connection page: the workspace, sync, inviting, devices, disconnecting. */
export function WorkspaceView({ connection, platform }: { connection: Connection; platform: ViewPlatform }) {
  const db = useDb();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const client = connection.role === 'client';

  const disconnect = () =>
    clearConnection(db).then(
      () => setFailure(null),
      (error: unknown) => setFailure(errorMessage('save', error)),
    );

  return (
    <>
      <dl class="summary">
        <dt>{i18n.t('connection.endpointLabel')}</dt>
        <dd>{connection.endpoint}</dd>
        <dt>{i18n.t('connection.thisDevice')}</dt>
        <dd>{connection.deviceName}</dd>
        <dt>{i18n.t('connection.role')}</dt>
        <dd>{roleLabel(connection.role)}</dd>
      </dl>

      <section aria-labelledby={`${id}-sync`}>
        <h2 id={`${id}-sync`} class="subheading">
          {i18n.t('connection.syncHeading')}
        </h2>
        <SyncState />
      </section>

      {client && <InviteAssistant platform={platform} />}
      <DeviceList connection={connection} platform={platform} />
      {client ? <HandoverClient platform={platform} /> : <HandoverAssistant />}

      <div class="danger-zone">
        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        <ConfirmButton
          label={i18n.t('connection.disconnect')}
          question={client ? i18n.t('connection.disconnectConfirmClient') : i18n.t('connection.disconnectConfirmAssistant')}
          confirmLabel={i18n.t('connection.disconnectYes')}
          onConfirm={() => void disconnect()}
        />
      </div>
    </>
  );
}
