import { i18n } from '#i18n';
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import type { Device } from '../lib/protocol';
import { affectsSyncState, onStoreChange } from '../lib/store';
import type { Connection } from '../lib/sync/connection';
import { listDevices, revokeDevice } from '../lib/sync/pairing';
import { pairingErrorMessage } from '../lib/ui/failure-sentences';
import { formatDateTime, timeAgo } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { roleLabel } from '../lib/ui/labels';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import type { ViewPlatform } from './platform';

/** Active devices first, each group oldest first. */
function byState(a: Device, b: Device): number {
  return Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.createdAt.localeCompare(b.createdAt);
}

function lastSeen(device: Device, locale: string): string {
  const ago = timeAgo(device.lastSeenAt, Date.now(), locale);
  return ago === null ? i18n.t('connection.lastSeenJustNow') : i18n.t('connection.lastSeen', [ago]);
}

/** The workspace's devices with role and last seen; the client removes other devices here. */
export function DeviceList({ connection, platform }: { connection: Connection; platform: ViewPlatform }) {
  const db = useDb();
  const id = useId();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const locale = uiLocale();

  const load = useCallback(
    () =>
      listDevices(db, { fetch: platform.endpointFetch }).then(
        (list) => {
          setDevices([...list].sort(byState));
          setFailure(null);
        },
        (error: unknown) => setFailure(pairingErrorMessage('devices', error)),
      ),
    [db, platform],
  );

  useEffect(() => {
    void load();
    // A sync may have brought news (a device joined, this one was removed): read the list again.
    return onStoreChange((change) => {
      if (affectsSyncState(change)) void load();
    });
  }, [load]);

  const revoke = (device: Device) =>
    revokeDevice(db, device.id, { fetch: platform.endpointFetch }).then(load, (error: unknown) => setFailure(pairingErrorMessage('revoke', error)));

  return (
    <section aria-labelledby={`${id}-heading`}>
      <div class="subheading section-head">
        <h2 id={`${id}-heading`}>{i18n.t('connection.devicesHeading')}</h2>
        <button type="button" class="link-button" onClick={() => void load()}>
          {i18n.t('connection.devicesRefresh')}
        </button>
      </div>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {devices === null && !failure && <p class="hint">{i18n.t('connection.devicesLoading')}</p>}
      {devices && (
        <ul class="device-list">
          {devices.map((device) => {
            const mine = device.id === connection.deviceId;
            const revoked = device.revokedAt !== null;
            return (
              <li key={device.id} class={revoked ? 'device revoked' : 'device'}>
                <p class="device-name">
                  <strong>{device.name}</strong>
                  <span class="badge">{roleLabel(device.role)}</span>
                  {mine && <span class="badge badge-mine">{i18n.t('connection.thisDeviceBadge')}</span>}
                </p>
                <p class="hint">
                  {revoked ? i18n.t('connection.revoked', [formatDateTime(device.revokedAt!, locale)]) : lastSeen(device, locale)}
                </p>
                {connection.role === 'client' && !mine && !revoked && (
                  <ConfirmButton
                    label={i18n.t('connection.revoke')}
                    ariaLabel={i18n.t('connection.revokeNamed', [device.name])}
                    question={i18n.t('connection.revokeConfirm', [device.name])}
                    confirmLabel={i18n.t('connection.revoke')}
                    onConfirm={() => void revoke(device)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
