import { i18n } from '#i18n';
import { useId, useRef, useState } from 'preact/hooks';
import { createInvitation } from '../lib/sync/pairing';
import { pairingErrorMessage } from '../lib/ui/failure-sentences';
import { formatDateTime } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { InvitationText } from './invitation-text';
import type { ViewPlatform } from './platform';
import { useSession } from './session-context';

/** "Invite assistant": a one-time invitation string to copy, with its expiry and a warning. */
export function InviteAssistant({ platform }: { platform: ViewPlatform }) {
  const db = useDb();
  const id = useId();
  const [invite, setInvite] = useState<{ invitation: string; expiresAt: string; devicesBefore: ReadonlySet<string> } | null>(null);
  const { data: session } = useSession();
  // Issue 15 (got in the way 5): an assistant device new since the invitation was made used it; it works once.
  const joined = invite
    ? session?.devices.find((device) => device.role === 'assistant' && !invite.devicesBefore.has(device.id))
    : undefined;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  const create = () => {
    if (busy) return;
    setBusy(true);
    setCopied(false);
    const devicesBefore = new Set((session?.devices ?? []).map((device) => device.id));
    createInvitation(db, 'assistant', undefined, { fetch: platform.endpointFetch })
      .then(
        (created) => {
          setInvite({ ...created, devicesBefore });
          setFailure(null);
        },
        (error: unknown) => setFailure(pairingErrorMessage('invite', error)),
      )
      .finally(() => setBusy(false));
  };

  const copy = (text: string) => {
    platform.copyText(text).then(
      () => {
        setCopied(true);
        setFailure(null);
      },
      () => {
        setCopied(false);
        setFailure(i18n.t('connection.copyFailed'));
        // Ready for Ctrl+C.
        fieldRef.current?.focus();
        fieldRef.current?.select();
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('connection.inviteHeading')}
      </h2>
      <p class="hint">{i18n.t('connection.inviteExplain')}</p>
      <div class="actions">
        <button type="button" class={invite ? undefined : 'primary'} disabled={busy || !session} onClick={create}>
          {busy ? i18n.t('connection.inviting') : i18n.t('connection.invite')}
        </button>
      </div>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {joined && (
        <p class="hint" role="status">
          {i18n.t('connection.inviteJoined', [joined.name ?? joined.id])}
        </p>
      )}
      {invite && !joined && (
        <div class="invitation">
          <label for={`${id}-invitation`}>{i18n.t('connection.invitationLabel')}</label>
          <InvitationText
            id={`${id}-invitation`}
            fieldRef={fieldRef}
            invitation={invite.invitation}
            describedBy={`${id}-expiry ${id}-warning`}
            copied={copied}
            onCopy={copy}
          />
          <p id={`${id}-expiry`} class="hint">
            {i18n.t('connection.expires', [formatDateTime(invite.expiresAt, uiLocale())])}
          </p>
          <p id={`${id}-warning`} class="warning">
            {i18n.t('connection.inviteWarning')}
          </p>
        </div>
      )}
    </section>
  );
}
