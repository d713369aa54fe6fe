import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import { noteOf, withoutBlankEntries, withTaskNote } from '../lib/handover/package';
import { HANDOVER_LIMITS, type Handover, type HandoverContent } from '../lib/model';
import { generateHandoverContent, saveHandoverContent, setHandoverReady } from '../lib/store/handover';
import { localDay } from '../lib/ui/format';
import { blankAccess, blankContact, packageRefusalSentence, patchAt, removeAt } from '../lib/ui/handover';
import { errorMessage } from '../lib/ui/labels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { HandoverExport, HandoverPackageView } from './handover-package';
import { useSync } from './sync-context';

/**
 * The outgoing assistant's handover package: generated from the tasks, with her notes per task,
 * contacts, where access lives and the unwritten rules; saved, marked ready, exported.
 */
export function HandoverEditor({ handover }: { handover: Handover }) {
  const db = useDb();
  const id = useId();
  const { syncNow } = useSync();
  const [draft, setDraft] = useState<HandoverContent | null>(handover.content);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // A package nobody drafted yet starts from the data on this device.
  useEffect(() => {
    if (draft) return;
    generateHandoverContent(db, handover.id, localDay(new Date())).then(setDraft, (error: unknown) =>
      setFailure(errorMessage('load', error)),
    );
  }, [db, handover.id]);

  const edit = (next: HandoverContent) => {
    setDraft(next);
    setNotice(null);
  };

  /** Saves the draft; false (with the reason shown) when it cannot be saved. */
  const save = async (content: HandoverContent): Promise<boolean> => {
    const cleaned = withoutBlankEntries(content);
    const refusal = await saveHandoverContent(db, handover.id, cleaned);
    if (refusal) {
      setFailure(packageRefusalSentence(refusal));
      return false;
    }
    setDraft(cleaned);
    return true;
  };

  const act = (work: () => Promise<string | null>) => {
    if (busy || !draft) return;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    work()
      .then(
        (done) => {
          if (done) setNotice(done);
          void syncNow();
        },
        (error: unknown) => setFailure(errorMessage('save', error)),
      )
      .finally(() => setBusy(false));
  };

  const onSave = () => act(async () => ((await save(draft!)) ? i18n.t('handover.saved') : null));
  const onRegenerate = () =>
    act(async () => {
      if (!(await save(draft!))) return null;
      const fresh = await generateHandoverContent(db, handover.id, localDay(new Date()));
      return (await save(fresh)) ? i18n.t('handover.saved') : null;
    });
  const onReady = (ready: boolean) =>
    act(async () => {
      if (ready && !(await save(draft!))) return null;
      await setHandoverReady(db, handover.id, ready);
      return ready ? i18n.t('handover.markedReady') : null;
    });

  const heading = (
    <h2 id={`${id}-heading`} class="subheading">
      {i18n.t('handover.package.title')}
    </h2>
  );

  if (!draft) {
    return (
      <section class="handover" aria-labelledby={`${id}-heading`}>
        {heading}
        <ErrorAlert message={failure} />
        {!failure && <p class="hint">{i18n.t('panel.loading')}</p>}
      </section>
    );
  }

  if (handover.ready) {
    return (
      <section class="handover" aria-labelledby={`${id}-heading`}>
        {heading}
        <p class="note" role="status">
          {i18n.t('handover.markedReady')}
        </p>
        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        <HandoverPackageView content={draft} headingLevel={3} />
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => onReady(false)}>
            {i18n.t('handover.reopen')}
          </button>
        </div>
        <HandoverExport content={draft} />
      </section>
    );
  }

  const tasks = [...draft.openTasks, ...draft.standingTasks];
  const textField = (key: string, label: string, value: string, onInput: (value: string) => void, rows = 3) => (
    <div class="field" key={key}>
      <label for={`${id}-${key}`}>{label}</label>
      <textarea
        id={`${id}-${key}`}
        rows={rows}
        maxLength={HANDOVER_LIMITS.note}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );

  // One text input of a contact's or an access's row, labelled by wrapping.
  const rowInput = (label: string, maxLength: number, value: string, onInput: (value: string) => void) => (
    <label>
      {label}
      <input type="text" maxLength={maxLength} value={value} onInput={(event) => onInput(event.currentTarget.value)} />
    </label>
  );

  return (
    <section class="handover" aria-labelledby={`${id}-heading`}>
      {heading}
      <p class="hint">{i18n.t('handover.requested')}</p>
      <form
        class="handover-editor"
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        {tasks.length > 0 && (
          <fieldset class="field">
            <legend>{i18n.t('handover.taskNotes')}</legend>
            {tasks.map((task) =>
              textField(`note-${task.taskId}`, i18n.t('handover.taskNote', [task.title]), noteOf(draft, task.taskId), (note) =>
                edit(withTaskNote(draft, task.taskId, note)),
              ),
            )}
          </fieldset>
        )}

        <fieldset class="field">
          <legend>{i18n.t('handover.package.contacts')}</legend>
          {draft.contacts.map((contact, i) => (
            <div class="handover-row" key={i} role="group" aria-label={`${i18n.t('handover.package.contacts')} ${i + 1}`}>
              {rowInput(i18n.t('handover.contactName'), 200, contact.name, (name) =>
                edit({ ...draft, contacts: patchAt(draft.contacts, i, { name }) }),
              )}
              {rowInput(i18n.t('handover.contactReach'), 500, contact.reach, (reach) =>
                edit({ ...draft, contacts: patchAt(draft.contacts, i, { reach }) }),
              )}
              {rowInput(i18n.t('handover.contactNote'), HANDOVER_LIMITS.note, contact.note, (note) =>
                edit({ ...draft, contacts: patchAt(draft.contacts, i, { note }) }),
              )}
              <button type="button" class="link-button" onClick={() => edit({ ...draft, contacts: removeAt(draft.contacts, i) })}>
                {i18n.t('handover.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={draft.contacts.length >= HANDOVER_LIMITS.entries}
            onClick={() => edit({ ...draft, contacts: [...draft.contacts, blankContact()] })}
          >
            {i18n.t('handover.addContact')}
          </button>
        </fieldset>

        <fieldset class="field">
          <legend>{i18n.t('handover.package.access')}</legend>
          {draft.access.map((access, i) => (
            <div class="handover-row" key={i} role="group" aria-label={`${i18n.t('handover.package.access')} ${i + 1}`}>
              {rowInput(i18n.t('handover.accessWhat'), 200, access.what, (what) =>
                edit({ ...draft, access: patchAt(draft.access, i, { what }) }),
              )}
              {rowInput(i18n.t('handover.accessWhere'), 500, access.where, (where) =>
                edit({ ...draft, access: patchAt(draft.access, i, { where }) }),
              )}
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={access.shared}
                  onChange={(event) => edit({ ...draft, access: patchAt(draft.access, i, { shared: event.currentTarget.checked }) })}
                />
                {i18n.t('handover.accessShared')}
              </label>
              <button type="button" class="link-button" onClick={() => edit({ ...draft, access: removeAt(draft.access, i) })}>
                {i18n.t('handover.remove')}
              </button>
            </div>
          ))}
          {draft.access.some((a) => a.shared) && <p class="warning">{i18n.t('handover.package.changePasswords')}</p>}
          <button
            type="button"
            disabled={draft.access.length >= HANDOVER_LIMITS.entries}
            onClick={() => edit({ ...draft, access: [...draft.access, blankAccess()] })}
          >
            {i18n.t('handover.addAccess')}
          </button>
        </fieldset>

        {textField(
          'general',
          i18n.t('handover.package.generalNote'),
          draft.generalNote,
          (generalNote) => edit({ ...draft, generalNote }),
          5,
        )}
        {textField('questions', i18n.t('handover.package.openQuestions'), draft.openQuestions, (openQuestions) =>
          edit({ ...draft, openQuestions }),
        )}

        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        {notice && (
          <p class="note" role="status">
            {notice}
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {i18n.t('handover.save')}
          </button>
          <button type="button" class="primary" disabled={busy} onClick={() => onReady(true)}>
            {i18n.t('handover.markReady')}
          </button>
          <button type="button" class="link-button" disabled={busy} onClick={onRegenerate}>
            {i18n.t('handover.regenerate')}
          </button>
        </div>
      </form>
      <HandoverExport content={draft} />
    </section>
  );
}
