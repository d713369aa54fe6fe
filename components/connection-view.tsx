import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { parseInvitation } from '../lib/sync/connection';
import { createWorkspace, joinWorkspace } from '../lib/sync/pairing';
import { MAX_DEVICE_NAME_CHARS } from '../lib/protocol/limits';
import { defaultDeviceName } from '../lib/ui/device-name';
import { readEndpoint } from '../lib/ui/endpoint';
import { explainPairingFailure } from '../lib/sync/endpoint-check';
import { pairingErrorMessage } from '../lib/ui/failure-sentences';
import { errorMessage } from '../lib/ui/labels';
import { getRegistry, updateWorkspace, WORKSPACE_LABEL_MAX } from '../lib/store';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import type { ViewPlatform } from './platform';
import { useSession } from './session-context';
import { useSync } from './sync-context';
import { WorkspaceList } from './workspace-list';
import { useCurrentWorkspace } from './workspace-root';
import { WorkspaceView } from './workspace-view';

/** Asks for access to an endpoint origin; call synchronously in the click. Resolves when answered. */
type RequestAccess = (origin: string) => Promise<void>;

/**
 * The side panel's Connection page: the workspaces of this browser (issue 13), then pairing the
 * shown one, or managing it once paired.
 */
export function ConnectionView({ platform }: { platform: ViewPlatform }) {
  const id = useId();
  const { data: session, loaded, error } = useSession();
  const connection = session?.connection;
  // Kept here, not in the forms: it stays visible after pairing replaced them with the workspace.
  const [accessNote, setAccessNote] = useState<string | null>(null);

  const requestAccess: RequestAccess = (origin) => {
    let asking: Promise<boolean>;
    try {
      asking = platform.requestEndpointAccess(origin);
    } catch {
      asking = Promise.resolve(false);
    }
    // Never blocks pairing: the endpoint may answer with CORS even without the permission.
    return asking.then(
      (granted) => setAccessNote(granted ? null : i18n.t('connection.accessNote', [origin])),
      () => setAccessNote(i18n.t('connection.accessNote', [origin])),
    );
  };

  return (
    <section class="connection" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{i18n.t('connection.heading')}</h1>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {accessNote && (
        <p class="note" role="status">
          {accessNote}
        </p>
      )}
      <WorkspaceList platform={platform} />
      {!loaded ? (
        <p class="hint">{i18n.t('panel.loading')}</p>
      ) : connection ? (
        <WorkspaceView connection={connection} platform={platform} />
      ) : (
        <PairingForms platform={platform} requestAccess={requestAccess} />
      )}
    </section>
  );
}

type PairingForm = 'create' | 'join';

function PairingForms({ platform, requestAccess }: { platform: ViewPlatform; requestAccess: RequestAccess }) {
  const db = useDb();
  const id = useId();
  const { syncNow } = useSync();
  // Null outside a WorkspaceRoot: then there is no workspace entry to name.
  const workspace = useCurrentWorkspace();
  const [deviceName, setDeviceName] = useState(() => defaultDeviceName(platform.deviceInfo()));
  const [workspaceLabel, setWorkspaceLabel] = useState(() => workspace?.label ?? '');
  const [endpoint, setEndpoint] = useState('');
  const [signupSecret, setSignupSecret] = useState('');
  const [invitation, setInvitation] = useState('');
  const [busy, setBusy] = useState<PairingForm | null>(null);
  const [failure, setFailure] = useState<{ form: PairingForm; message: string } | null>(null);
  // A bare local address, offered with http:// rather than silently tried with https://.
  const [suggestion, setSuggestion] = useState<string | null>(null);

  const fail = (form: PairingForm, message: string) => setFailure({ form, message });

  /** Names the workspace as typed once it is paired; a failure leaves it unnamed (it can be renamed in the list). */
  const nameWorkspace = async () => {
    const label = workspaceLabel.trim();
    if (!workspace || label === workspace.label) return;
    await updateWorkspace(await getRegistry(), workspace.id, { label }).catch((error: unknown) =>
      console.warn('[zuarbeit] cannot name the workspace', error),
    );
  };

  /** Asks for the origin (synchronously, in the click), then pairs; a success replaces these forms. */
  const pair = (form: PairingForm, origin: string, work: () => Promise<unknown>) => {
    const access = requestAccess(origin);
    setBusy(form);
    setFailure(null);
    access
      .then(work)
      .then(
        () => {
          void nameWorkspace();
          void syncNow();
        },
        (error: unknown) =>
          explainPairingFailure(origin, error, platform.endpointFetch).then((reported) => fail(form, pairingErrorMessage(form, reported))),
      )
      .finally(() => setBusy(null));
  };

  const validName = (form: PairingForm): string | null => {
    const name = deviceName.trim();
    if (!name) fail(form, i18n.t('connection.deviceNameMissing'));
    else if (workspaceLabel.trim().length > WORKSPACE_LABEL_MAX) {
      fail(form, i18n.t('workspaces.labelTooLong', [String(WORKSPACE_LABEL_MAX)]));
      return null;
    }
    return name || null;
  };

  const create = () => {
    if (busy) return;
    const name = validName('create');
    if (!name) return;
    const address = readEndpoint(endpoint);
    setSuggestion(null);
    if (address.kind === 'empty') return fail('create', i18n.t('pairing.endpointMissing'));
    if (address.kind === 'not-a-host') return fail('create', i18n.t('pairing.endpointMalformed', [endpoint.trim()]));
    if (address.kind === 'needs-scheme') {
      setFailure(null);
      return setSuggestion(address.suggestion);
    }
    const { origin } = address;
    pair('create', origin, () => createWorkspace(db, origin, name, signupSecret.trim() || undefined, { fetch: platform.endpointFetch }));
  };

  const join = () => {
    if (busy) return;
    const name = validName('join');
    if (!name) return;
    if (!invitation.trim()) return fail('join', i18n.t('pairing.invitationMissing'));
    const parsed = parseInvitation(invitation);
    if (!parsed) return fail('join', i18n.t('pairing.notInvitation'));
    pair('join', parsed.endpoint, () => joinWorkspace(db, invitation, name, { fetch: platform.endpointFetch }));
  };

  return (
    <>
      <p class="hint">{i18n.t('connection.intro')}</p>
      <div class="field">
        <label for={`${id}-name`}>{i18n.t('connection.deviceName')}</label>
        <input
          id={`${id}-name`}
          type="text"
          maxLength={MAX_DEVICE_NAME_CHARS}
          autoComplete="off"
          aria-describedby={`${id}-name-hint`}
          value={deviceName}
          onInput={(event) => setDeviceName(event.currentTarget.value)}
        />
        <p id={`${id}-name-hint`} class="hint">
          {i18n.t('connection.deviceNameHint')}
        </p>
      </div>
      {workspace && (
        <div class="field">
          <label for={`${id}-workspace`}>{i18n.t('workspaces.workspaceName')}</label>
          <input
            id={`${id}-workspace`}
            type="text"
            autoComplete="off"
            aria-describedby={`${id}-workspace-hint`}
            value={workspaceLabel}
            onInput={(event) => setWorkspaceLabel(event.currentTarget.value)}
          />
          <p id={`${id}-workspace-hint`} class="hint">
            {i18n.t('workspaces.workspaceNameHint')}
          </p>
        </div>
      )}

      <form
        class="pairing-form"
        aria-labelledby={`${id}-create`}
        onSubmit={(event) => {
          event.preventDefault();
          create();
        }}
      >
        <h2 id={`${id}-create`} class="subheading">
          {i18n.t('connection.createHeading')}
        </h2>
        <p>{i18n.t('connection.createExplain')}</p>
        <div class="field">
          <label for={`${id}-endpoint`}>{i18n.t('connection.endpoint')}</label>
          <input
            id={`${id}-endpoint`}
            type="text"
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            placeholder={i18n.t('connection.endpointPlaceholder')}
            aria-describedby={`${id}-endpoint-hint`}
            value={endpoint}
            onInput={(event) => setEndpoint(event.currentTarget.value)}
          />
          <p id={`${id}-endpoint-hint`} class="hint">
            {i18n.t('connection.endpointHint')}
          </p>
          {suggestion && (
            <p class="note" role="status">
              {i18n.t('pairing.endpointLocal')}{' '}
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setEndpoint(suggestion);
                  setSuggestion(null);
                }}
              >
                {i18n.t('pairing.useAddress', [suggestion])}
              </button>
            </p>
          )}
        </div>
        <div class="field">
          <label for={`${id}-secret`}>{i18n.t('connection.signupSecret')}</label>
          <input
            id={`${id}-secret`}
            type="password"
            autoComplete="off"
            value={signupSecret}
            onInput={(event) => setSignupSecret(event.currentTarget.value)}
          />
        </div>
        <ErrorAlert message={failure?.form === 'create' ? failure.message : null} onDismiss={() => setFailure(null)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy !== null}>
            {busy === 'create' ? i18n.t('connection.creating') : i18n.t('connection.create')}
          </button>
        </div>
      </form>

      <form
        class="pairing-form"
        aria-labelledby={`${id}-join`}
        onSubmit={(event) => {
          event.preventDefault();
          join();
        }}
      >
        <h2 id={`${id}-join`} class="subheading">
          {i18n.t('connection.joinHeading')}
        </h2>
        <div class="field">
          <label for={`${id}-invitation`}>{i18n.t('connection.invitation')}</label>
          <textarea
            id={`${id}-invitation`}
            rows={3}
            spellcheck={false}
            aria-describedby={`${id}-invitation-hint`}
            value={invitation}
            onInput={(event) => setInvitation(event.currentTarget.value)}
          />
          <p id={`${id}-invitation-hint`} class="hint">
            {i18n.t('connection.invitationHint')}
          </p>
        </div>
        <ErrorAlert message={failure?.form === 'join' ? failure.message : null} onDismiss={() => setFailure(null)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy !== null}>
            {busy === 'join' ? i18n.t('connection.joining') : i18n.t('connection.join')}
          </button>
        </div>
      </form>
    </>
  );
}
