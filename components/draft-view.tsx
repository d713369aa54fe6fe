import { i18n } from '#i18n';
import { useId, useRef, useState } from 'preact/hooks';
import type { TaskDraft } from '../lib/model';
import { discardDraft, getDraft, saveDraft, type PanelRoute } from '../lib/store';
import { delegateDraftWithSnapshot } from '../lib/store/snapshots';
import { applyFieldTexts, draftCheckFields } from '../lib/ui/confidentiality';
import { isSubmitShortcut } from '../lib/ui/keyboard';
import { errorMessage } from '../lib/ui/labels';
import { ConfidentialityCheck, useConfidentialityCheck } from './confidentiality-check';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { SaveIndicator } from './save-indicator';
import { SnapshotDraft } from './snapshot-draft';
import { SourceView } from './source-view';
import { LevelField } from './level-field';
import { TaskFormFields } from './task-form-fields';
import { RepeatEditor } from './repeat-editor';
import { uiLocale } from '../lib/browser/ui-locale';
import { localDay } from '../lib/ui/format';
import { changedKeys } from '../lib/ui/autosave';
import { useAutosave } from './use-autosave';
import { useRole } from './session-context';
import { useStoreQuery } from './use-store-query';

interface DraftViewProps {
  id: string;
  navigate: (route: PanelRoute) => void;
}

/** A clipped task the client is still writing; loads the draft, then edits it. */
export function DraftView({ id, navigate }: DraftViewProps) {
  // Read once per draft: later changes come from this very editor.
  const { data, error, loaded } = useStoreQuery((db) => getDraft(db, id), null, [id]);
  const role = useRole();
  if (error) return <ErrorAlert message={errorMessage('load', error)} />;
  if (!loaded || role === undefined) return <p class="hint">{i18n.t('panel.loading')}</p>;
  if (!data) return <p class="empty">{i18n.t('draft.missing')}</p>;
  // Only the client delegates: a task written by an assistant would be refused by every other device.
  if (role === 'assistant') return <AssistantDraft draft={data} navigate={navigate} />;
  return <DraftEditor key={data.id} initial={data} navigate={navigate} />;
}

/** A draft on an assistant's device (clipped before joining, or by the context menu): it can only be discarded. */
function AssistantDraft({ draft, navigate }: { draft: TaskDraft; navigate: (route: PanelRoute) => void }) {
  const db = useDb();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <section class="editor" aria-label={i18n.t('draft.heading')}>
      <p class="empty">{i18n.t('draft.assistant')}</p>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <SourceView source={draft.source} />
      <div class="actions">
        <ConfirmButton
          label={i18n.t('draft.discard')}
          question={i18n.t('draft.discardConfirm')}
          confirmLabel={i18n.t('draft.discardYes')}
          onConfirm={() =>
            void discardDraft(db, draft.id).then(
              () => navigate({ view: 'list' }),
              (error: unknown) => setFailure(errorMessage('delete', error)),
            )
          }
        />
      </div>
    </section>
  );
}

function DraftEditor({ initial, navigate }: { initial: TaskDraft; navigate: (route: PanelRoute) => void }) {
  const db = useDb();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const latest = useRef(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The draft as last saved: the hand-off carries only what changed since (a snapshot's text is large).
  const saved = useRef(initial);
  const saving = useAutosave<TaskDraft>(
    async (value) => {
      await saveDraft(db, { ...value, updatedAt: new Date().toISOString() });
      saved.current = value;
    },
    // Issue 16, defect 8: what the background writes should the panel close before this save could.
    (value) => {
      const patch = changedKeys(saved.current, value, ['id', 'updatedAt'] as const);
      return Object.keys(patch).length === 0 ? null : { entity: 'draft', id: value.id, patch };
    },
  );

  const update = (patch: Partial<TaskDraft>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setDraft(next);
    saving.autosave.schedule(next);
  };

  // Issue 12: placeholders are written into the draft and saved at once, the originals stay in the local mapping.
  const check = useConfidentialityCheck(initial.id, draftCheckFields(draft), (texts) => {
    update(applyFieldTexts(latest.current, texts));
    void saving.autosave.flush();
  });
  const blocked = check.view?.blockedReason ?? null;

  const finish = async (action: 'delegate' | 'delete', work: () => Promise<PanelRoute>) => {
    if (busy) return;
    setBusy(true);
    // No autosave may write the draft back after it became a task or was discarded.
    saving.stop();
    try {
      await saving.autosave.flush();
      navigate(await work());
    } catch (error) {
      setFailure(errorMessage(action, error));
      setBusy(false);
      // Still a draft (delegating is one transaction): keep saving what is typed.
      saving.resume(latest.current);
    }
  };

  const delegate = async () => {
    // Judged on the fields as they are now: the debounced scan may not have seen the last keystrokes.
    const reason = await check.blockedNow();
    if (reason) {
      setFailure(reason);
      return;
    }
    await finish('delegate', async () => {
      const task = await delegateDraftWithSnapshot(db, latest.current);
      return { view: 'task', id: task.id };
    });
  };

  const discard = () =>
    finish('delete', async () => {
      await discardDraft(db, latest.current.id);
      return { view: 'list' };
    });

  return (
    <form
      class="editor"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void delegate();
      }}
      onKeyDown={(event) => {
        if (isSubmitShortcut(event)) {
          event.preventDefault();
          void delegate();
        }
      }}
      onFocusOut={() => void saving.autosave.flush()}
    >
      <div class="editor-head">
        <h1 id={`${id}-heading`}>{i18n.t('draft.heading')}</h1>
        <SaveIndicator state={saving.state} />
      </div>
      <p class="hint">{i18n.t('draft.note')}</p>
      <ErrorAlert message={saving.error ? errorMessage('save', saving.error) : null} />
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <TaskFormFields values={draft} onChange={update} />
      <RepeatEditor
        recurrence={draft.recurrence}
        createdAt={draft.createdAt}
        today={localDay(new Date())}
        locale={uiLocale()}
        onChange={(recurrence) => update({ recurrence })}
      />
      {/* A new draft follows its kind's level (lib/model's newTask delegates it with level null). */}
      <LevelField values={{ kind: draft.kind, level: draft.level ?? null, autonomy: draft.autonomy }} onChange={update} />
      <SourceView source={draft.source} />
      <SnapshotDraft draft={draft} onChange={(snapshot) => update({ snapshot })} />
      <ConfidentialityCheck check={check} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || blocked !== null} aria-describedby={`${id}-blocked ${id}-hint`}>
          {i18n.t('draft.delegate')}
        </button>
        <span id={`${id}-blocked`} class="hint">
          {blocked}
        </span>
        <span id={`${id}-hint`} class="hint">
          {i18n.t('draft.delegateHint')}
        </span>
        <ConfirmButton
          label={i18n.t('draft.discard')}
          question={i18n.t('draft.discardConfirm')}
          confirmLabel={i18n.t('draft.discardYes')}
          onConfirm={() => void discard()}
        />
      </div>
    </form>
  );
}
