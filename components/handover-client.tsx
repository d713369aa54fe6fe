import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { uiLocale } from '../lib/browser/ui-locale';
import { SUCCESSOR_MODES, type HandoverContent, type SuccessorMode } from '../lib/model';
import { affectsHandover, cancelHandover, openHandover } from '../lib/store/handover';
import { finishHandover, startHandover, successorsAmong } from '../lib/sync/handover';
import type { ListedDevice } from '../lib/sync/pairing';
import { localDay } from '../lib/ui/format';
import { handoverFailureSentence, handoverProgress, outgoingCandidates, rotationSentence } from '../lib/ui/handover';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { HandoverExport, HandoverPackageView } from './handover-package';
import { InvitationText } from './invitation-text';
import type { ViewPlatform } from './platform';
import { useListedDevices } from './use-listed-devices';
import { useStoreQuery } from './use-store-query';
import { useSync } from './sync-context';

const MODE_LABEL: Record<SuccessorMode, () => string> = {
  'current-state': () => i18n.t('handover.modeCurrent'),
  'with-history': () => i18n.t('handover.modeHistory'),
};

interface StartForm {
  outgoing: string;
  mode: SuccessorMode;
  overlapUntil: string;
  keepLevels: boolean;
}

/**
 * "Hand over to a successor" on the client's Connection page: choose the outgoing assistant and
 * what the successor may read, invite her (the key renewed first), follow the handover, review the
 * package, then finish: the outgoing device removed and the key renewed, one confirmation.
 */
export function HandoverClient({ platform }: { platform: ViewPlatform }) {
  const db = useDb();
  const id = useId();
  const { syncNow } = useSync();
  const locale = uiLocale();
  const { data: handover } = useStoreQuery(openHandover, affectsHandover);
  const [form, setForm] = useState<StartForm | null>(null);
  const [invite, setInvite] = useState<{ invitation: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState<'start' | 'finish' | 'cancel' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const options = { fetch: platform.endpointFetch };

  const { devices, load } = useListedDevices(platform, { failed: (error) => setFailure(handoverFailureSentence(error)) });

  const nameOf = (deviceId: string) => devices?.find((d) => d.id === deviceId)?.name ?? deviceId;
  const candidates = outgoingCandidates(devices ?? []);

  const run = (step: 'start' | 'finish' | 'cancel', work: () => Promise<void>) => {
    if (busy) return;
    setBusy(step);
    setFailure(null);
    setNotice(null);
    work()
      .then(
        () => syncNow(),
        (error: unknown) => setFailure(handoverFailureSentence(error)),
      )
      .finally(() => setBusy(null));
  };

  const start = (chosen: StartForm) =>
    run('start', async () => {
      const started = await startHandover(
        db,
        { outgoingDevice: chosen.outgoing, mode: chosen.mode, overlapUntil: chosen.overlapUntil || null, keepLevels: chosen.keepLevels },
        options,
      );
      setInvite({ invitation: started.invitation, expiresAt: started.expiresAt });
      setForm(null);
      setCopied(false);
    });

  const finish = (handoverId: string, outgoing: string) =>
    run('finish', async () => {
      const rotation = await finishHandover(db, handoverId, options);
      setInvite(null);
      setNotice(`${i18n.t('handover.finished', [outgoing])} ${rotationSentence(rotation, nameOf)}`);
      await load();
    });

  const cancel = (handoverId: string) =>
    run('cancel', async () => {
      await cancelHandover(db, handoverId);
      setInvite(null);
      setNotice(i18n.t('handover.cancelled'));
    });

  const copy = (text: string) =>
    platform.copyText(text).then(
      () => setCopied(true),
      () => setFailure(i18n.t('connection.copyFailed')),
    );

  return (
    <section class="handover" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('handover.heading')}
      </h2>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {notice && (
        <p class="note" role="status">
          {notice}
        </p>
      )}
      {handover ? (
        <HandoverUnderWay
          progress={handoverProgress(handover, successorsAmong(devices ?? [], handover), nameOf, locale, localDay(new Date()))}
          busy={busy}
          outgoingName={nameOf(handover.authorDevice)}
          invite={invite}
          copied={copied}
          onCopy={copy}
          content={handover.ready ? handover.content : null}
          onFinish={() => finish(handover.id, nameOf(handover.authorDevice))}
          onCancel={() => cancel(handover.id)}
        />
      ) : form ? (
        <StartHandoverForm form={form} setForm={setForm} candidates={candidates} busy={busy === 'start'} onStart={start} />
      ) : (
        <>
          <p class="hint">{i18n.t('handover.intro')}</p>
          {devices && candidates.length === 0 ? (
            <p class="hint">{i18n.t('handover.noAssistant')}</p>
          ) : (
            <div class="actions">
              <button
                type="button"
                disabled={candidates.length === 0}
                onClick={() => setForm({ outgoing: candidates[0].id, mode: 'current-state', overlapUntil: '', keepLevels: false })}
              >
                {i18n.t('handover.start')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface StartFormProps {
  form: StartForm;
  setForm: (form: StartForm | null) => void;
  candidates: ListedDevice[];
  busy: boolean;
  onStart: (form: StartForm) => void;
}

function StartHandoverForm({ form, setForm, candidates, busy, onStart }: StartFormProps) {
  const id = useId();
  return (
    <form
      class="handover-start"
      onSubmit={(event) => {
        event.preventDefault();
        onStart(form);
      }}
    >
      <div class="field">
        <label for={`${id}-outgoing`}>{i18n.t('handover.outgoing')}</label>
        <select id={`${id}-outgoing`} value={form.outgoing} onChange={(event) => setForm({ ...form, outgoing: event.currentTarget.value })}>
          {candidates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field">
        <legend>{i18n.t('handover.mode')}</legend>
        {SUCCESSOR_MODES.map((mode) => (
          <label key={mode} class="checkbox">
            <input type="radio" name={`${id}-mode`} checked={form.mode === mode} onChange={() => setForm({ ...form, mode })} />
            {MODE_LABEL[mode]()}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${id}-overlap`}>{i18n.t('handover.overlap')}</label>
        <input
          id={`${id}-overlap`}
          type="date"
          value={form.overlapUntil}
          onInput={(event) => setForm({ ...form, overlapUntil: event.currentTarget.value })}
        />
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={form.keepLevels}
          onChange={(event) => setForm({ ...form, keepLevels: event.currentTarget.checked })}
        />
        {i18n.t('handover.keepLevels')}
      </label>
      {form.mode === 'current-state' && <p class="hint">{i18n.t('handover.inviteHint')}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? i18n.t('handover.inviting') : i18n.t('handover.invite')}
        </button>
        <button type="button" onClick={() => setForm(null)} disabled={busy}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface UnderWayProps {
  progress: { lines: string[]; canFinish: boolean };
  busy: 'start' | 'finish' | 'cancel' | null;
  outgoingName: string;
  invite: { invitation: string; expiresAt: string } | null;
  copied: boolean;
  onCopy: (text: string) => void;
  content: HandoverContent | null;
  onFinish: () => void;
  onCancel: () => void;
}

function HandoverUnderWay({ progress, busy, outgoingName, invite, copied, onCopy, content, onFinish, onCancel }: UnderWayProps) {
  const id = useId();
  return (
    <>
      <ul class="handover-progress" aria-label={i18n.t('handover.progress')}>
        {progress.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {invite && (
        <div class="invitation">
          <label for={`${id}-invitation`}>{i18n.t('handover.invitationLabel')}</label>
          <InvitationText
            id={`${id}-invitation`}
            invitation={invite.invitation}
            describedBy={`${id}-invitation-hint`}
            copied={copied}
            onCopy={onCopy}
          >
            <p id={`${id}-invitation-hint`} class="hint">
              {i18n.t('handover.invitation')}
            </p>
          </InvitationText>
        </div>
      )}
      {content && (
        <>
          <HandoverPackageView content={content} headingLevel={3} />
          <HandoverExport content={content} />
        </>
      )}
      <div class="actions">
        {busy === 'finish' ? (
          <p class="hint" role="status">
            {i18n.t('handover.finishing')}
          </p>
        ) : (
          progress.canFinish && (
            <ConfirmButton
              label={i18n.t('handover.finish')}
              question={i18n.t('handover.finishQuestion', [outgoingName])}
              confirmLabel={i18n.t('handover.finishYes')}
              onConfirm={onFinish}
            />
          )
        )}
        {busy === null && (
          <ConfirmButton
            class="secondary"
            label={i18n.t('handover.cancel')}
            question={i18n.t('handover.cancelQuestion')}
            confirmLabel={i18n.t('handover.cancelYes')}
            onConfirm={onCancel}
          />
        )}
      </div>
    </>
  );
}
