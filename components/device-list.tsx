import { i18n } from '#i18n';
import { useId, useMemo, useState } from 'preact/hooks';
import type { Device } from '../lib/protocol';
import type { Connection } from '../lib/sync/connection';
import { confirmDevice, type ListedDevice } from '../lib/sync/pairing';
import { revokeDeviceAndRotate, rotateWorkspaceKeyHere } from '../lib/sync/rotation';
import { pairingErrorMessage } from '../lib/ui/failure-sentences';
import { rotationSentence, trustView } from '../lib/ui/handover';
import { formatDateTime, timeAgo } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { roleLabel } from '../lib/ui/labels';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import type { ViewPlatform } from './platform';
import { useListedDevices } from './use-listed-devices';

/** Active devices first, each group oldest first. */
function byState(a: Device, b: Device): number {
  return Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.createdAt.localeCompare(b.createdAt);
}

function lastSeen(device: Device, locale: string): string {
  const ago = timeAgo(device.lastSeenAt, Date.now(), locale);
  return ago === null ? i18n.t('connection.lastSeenJustNow') : i18n.t('connection.lastSeen', [ago]);
}

/** A device's fingerprint, whether this device trusts its key, and (where it may) the Confirm button. */
function DeviceKey({ device, canConfirm, onConfirm }: { device: ListedDevice; canConfirm: boolean; onConfirm: () => void }) {
  const view = trustView(device.trust);
  return (
    <div class="device-key">
      {device.fingerprint && (
        <p>
          {i18n.t('keys.fingerprint')}: <code class="fingerprint">{device.fingerprint}</code>
        </p>
      )}
      <p>
        <span class={device.trust.state === 'trusted' ? 'badge badge-confirmed' : 'badge badge-unconfirmed'}>{view.label}</span>
      </p>
      {view.hint && <p class="hint">{view.hint}</p>}
      {canConfirm && view.confirmable && (
        <ConfirmButton
          class="secondary"
          label={i18n.t('keys.confirm')}
          ariaLabel={i18n.t('keys.confirmNamed', [device.name])}
          question={i18n.t('keys.confirmQuestion', [device.name])}
          confirmLabel={i18n.t('keys.confirmYes')}
          onConfirm={onConfirm}
        />
      )}
    </div>
  );
}

/**
 * The workspace's devices with role, last seen, fingerprint and trust; the client confirms
 * fingerprints, removes other devices (renewing the key right there, on by default) and renews the key.
 */
export function DeviceList({ connection, platform }: { connection: Connection; platform: ViewPlatform }) {
  const db = useDb();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rotateOnRevoke, setRotateOnRevoke] = useState(true);
  const [rotating, setRotating] = useState(false);
  const locale = uiLocale();
  const listed = useListedDevices(platform, {
    loaded: () => setFailure(null),
    failed: (error) => setFailure(pairingErrorMessage('devices', error)),
  });
  const devices = useMemo(() => listed.devices && [...listed.devices].sort(byState), [listed.devices]);
  const load = listed.load;

  const nameOf = (deviceId: string) => devices?.find((d) => d.id === deviceId)?.name ?? deviceId;
  const rotated = (result: Awaited<ReturnType<typeof rotateWorkspaceKeyHere>> | null) => {
    if (result) setNotice(rotationSentence(result, nameOf));
    return load();
  };
  const failed = (error: unknown) => setFailure(pairingErrorMessage('revoke', error));
  const busyWhile = (work: Promise<unknown>) => {
    setRotating(true);
    void work.finally(() => setRotating(false));
  };

  const revoke = (device: Device) =>
    busyWhile(revokeDeviceAndRotate(db, device.id, { fetch: platform.endpointFetch, rotate: rotateOnRevoke }).then(rotated, failed));
  const rotate = () => busyWhile(rotateWorkspaceKeyHere(db, { fetch: platform.endpointFetch }).then(rotated, failed));
  const confirm = (device: ListedDevice) => confirmDevice(db, device).then(load, failed);
  // The client confirms any device; an assistant confirms client devices, to accept their key changes after a v1 invitation.
  const mayConfirm = (device: ListedDevice) => connection.role === 'client' || device.role === 'client';

  return (
    <section aria-labelledby={`${id}-heading`}>
      <div class="subheading section-head">
        <h2 id={`${id}-heading`}>{i18n.t('connection.devicesHeading')}</h2>
        <button type="button" class="link-button" onClick={() => void load()}>
          {i18n.t('connection.devicesRefresh')}
        </button>
      </div>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {notice && (
        <p class="note" role="status">
          {notice}
        </p>
      )}
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
                {!revoked && <DeviceKey device={device} canConfirm={!mine && mayConfirm(device)} onConfirm={() => void confirm(device)} />}
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
      {connection.role === 'client' && (
        <div class="key-rotation">
          <h3 class="subheading">{i18n.t('keys.heading')}</h3>
          <p class="hint">{i18n.t('keys.promise')}</p>
          <label class="checkbox">
            <input type="checkbox" checked={rotateOnRevoke} onChange={(event) => setRotateOnRevoke(event.currentTarget.checked)} />
            {i18n.t('keys.revokeAndRotate')}
          </label>
          <div class="actions">
            {rotating ? (
              <p class="hint" role="status">
                {i18n.t('keys.rotating')}
              </p>
            ) : (
              <ConfirmButton
                class="secondary"
                label={i18n.t('keys.rotate')}
                question={i18n.t('keys.rotateQuestion')}
                confirmLabel={i18n.t('keys.rotateYes')}
                onConfirm={rotate}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
