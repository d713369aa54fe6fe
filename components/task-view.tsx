import { i18n } from '#i18n';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Task, TaskStatus } from '../lib/model';
import { affectsTask, deleteRecord, getRecord, taskLastWord, updateRecord, type PanelRoute, type Role } from '../lib/store';
import { recordReviewOutcome } from '../lib/store/levels';
import { formatDateTime } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { errorMessage, statusLabel } from '../lib/ui/labels';
import {
  changedFields,
  DELIVERED_STATUSES,
  rebaseFields,
  resultAccess,
  statusOptions,
  taskFields,
  whatWaits,
  type TaskFields,
  type TaskWait,
} from '../lib/ui/task-edit';
import { CommentsThread, type StatusOffer } from './comments-thread';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { PlaceholderLegend, PlaceholderPreview } from './placeholder-text';
import { ResultField } from './result-field';
import { SaveIndicator } from './save-indicator';
import { SnapshotView } from './snapshot-view';
import { SourceView } from './source-view';
import { InheritedInstructions } from './inherited-instructions';
import { TaskLevel } from './level-badge';
import { LevelField } from './level-field';
import { TaskDetails } from './task-details';
import { TimeLog } from './time-log';
import { RepeatEditor } from './repeat-editor';
import { StandingView } from './standing-view';
import { isStanding } from '../lib/standing/rule';
import { localDay } from '../lib/ui/format';
import { TaskFormFields } from './task-form-fields';
import { afterNextPaint } from './use-after-paint';
import { useAutosave } from './use-autosave';
import { useRole } from './session-context';
import { useTaskStart } from './task-start';
import { useStoreQuery } from './use-store-query';

interface TaskViewProps {
  id: string;
  navigate: (route: PanelRoute) => void;
}

/**
 * A delegated task, live. The client edits every field; the assistant reads what the client
 * wrote and changes what it may write: status, result, its own messages.
 */
export function TaskView({ id, navigate }: TaskViewProps) {
  const start = useTaskStart(id);
  const { data, error, loaded } = useStoreQuery((db) => getRecord(db, 'task', id), affectsTask(id), [id], start?.task);
  // Who wrote last in the thread, once: it decides where the view opens, which then stays put while one answers.
  const lastWord = useStoreQuery((db) => taskLastWord(db, id).then((word) => word ?? null), null, [id], start?.lastWord);
  const role = useRole();
  if (!loaded || !lastWord.loaded || role === undefined) return <p class="hint">{i18n.t('panel.loading')}</p>;
  if (!data) return error ? <ErrorAlert message={errorMessage('load', error)} /> : <p class="empty">{i18n.t('task.missing')}</p>;
  const waits = whatWaits(data, role, lastWord.data ?? undefined);
  return <TaskEditor key={data.id} stored={data} navigate={navigate} role={role} waitsOnOpen={waits} />;
}

interface TaskEditorProps {
  stored: Task;
  navigate: (route: PanelRoute) => void;
  role: Role;
  /** What waits for this side when the view opened: shown first, and focused. */
  waitsOnOpen: TaskWait;
}

function TaskEditor({ stored, navigate, role, waitsOnOpen }: TaskEditorProps) {
  const db = useDb();
  const id = useId();
  // base: the stored fields this form was last in step with; form: what the user sees.
  const base = useRef(taskFields(stored));
  const latest = useRef(base.current);
  const [form, setForm] = useState(base.current);
  const [failure, setFailure] = useState<string | null>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  // Fixed while the view is open: answering or approving does not move what one is looking at.
  const [waits] = useState(waitsOnOpen);
  const waitsRef = useRef<HTMLDivElement>(null);
  const approvedRef = useRef<HTMLParagraphElement>(null);
  const [approving, setApproving] = useState(false);
  const assistant = role === 'assistant';

  useLayoutEffect(() => {
    // Issue 15 (got in the way 2): land at what waits, not at the top of a long form. Right after
    // the first paint, whose layout focus() then finds done (issue 14: focusing here forced a
    // layout before the paint, and the focus styles a second one); unless the focus moved since
    // the view rendered (a click in between is not undone).
    const before = document.activeElement;
    return afterNextPaint(() => {
      if (document.activeElement === before) waitsRef.current?.focus();
    });
  }, []);

  const saving = useAutosave<TaskFields>(
    async () => {
      // The latest form, not the scheduled snapshot: a rebase since then may have taken in remote values.
      const patch = changedFields(base.current, latest.current);
      if (Object.keys(patch).length === 0) return;
      await updateRecord(db, 'task', stored.id, patch);
      base.current = { ...base.current, ...patch };
    },
    // Issue 16, defect 8: what the background writes should the panel close before this save could.
    (value) => {
      const patch = changedFields(base.current, value);
      return Object.keys(patch).length === 0 ? null : { entity: 'task', id: stored.id, patch };
    },
  );

  useEffect(() => {
    // The stored task changed (this form's own save, another tab, sync): keep what is being edited.
    const incoming = taskFields(stored);
    if (JSON.stringify(incoming) === JSON.stringify(base.current)) return;
    const merged = rebaseFields(base.current, latest.current, incoming);
    base.current = incoming;
    latest.current = merged;
    setForm(merged);
  }, [stored]);

  const update = (patch: Partial<TaskFields>, now = false) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setForm(next);
    saving.autosave.schedule(next);
    if (now) void saving.autosave.flush();
  };

  const setStatus = (status: TaskStatus) => {
    // The client's review of a delivered result is what trust in the kind's level grows from.
    if (!assistant)
      recordReviewOutcome(db, stored.id, latest.current.status, status).catch((error: unknown) => setFailure(errorMessage('save', error)));
    update({ status }, true);
  };

  // Sending a message may move the task on: the assistant asks (→ question), the client answers (→ in progress).
  let offer: StatusOffer | undefined;
  if (assistant && form.status !== 'question') offer = { label: i18n.t('task.offerQuestion'), accept: () => setStatus('question') };
  if (!assistant && form.status === 'question') offer = { label: i18n.t('task.offerResume'), accept: () => setStatus('in-progress') };

  const statuses = statusOptions(role, form.status);

  const remove = async () => {
    saving.stop();
    try {
      await saving.autosave.flush();
      await deleteRecord(db, 'task', stored.id);
      navigate({ view: 'list' });
    } catch (error) {
      setFailure(errorMessage('delete', error));
      saving.resume(latest.current);
    }
  };

  useEffect(() => {
    // The review box is gone once approved: the confirmation takes the focus, so it is heard and nothing is lost.
    if (approving && form.status === 'done') {
      approvedRef.current?.focus();
      setApproving(false);
    }
  }, [approving, form.status]);

  const result = (
    <>
      <ResultField
        result={form.result}
        access={resultAccess(role, form.status, form.result)}
        onChange={(result) => update({ result })}
        onWithdraw={() => setStatus('in-progress')}
      />
      <PlaceholderPreview text={form.result?.text ?? ''} label={i18n.t('privacy.resultOriginals')} />
    </>
  );
  const acceptedAt = stored.acceptedAt ? formatDateTime(stored.acceptedAt, uiLocale()) : null;
  const review =
    !assistant &&
    (form.status === 'review' ? (
      <div class="review" role="group" aria-labelledby={`${id}-review`}>
        <p id={`${id}-review`}>{i18n.t('task.reviewPrompt')}</p>
        <div class="actions">
          <ConfirmButton
            label={i18n.t('task.approve')}
            class="primary"
            confirmClass="primary"
            question={i18n.t('task.approveConfirm')}
            confirmLabel={i18n.t('task.approveYes')}
            onConfirm={() => {
              setApproving(true);
              setStatus('done');
            }}
          />
          <button
            type="button"
            onClick={() => {
              setStatus('in-progress');
              // Say what is missing: the message box is where.
              messageRef.current?.focus();
            }}
          >
            {i18n.t('task.requestChanges')}
          </button>
        </div>
      </div>
    ) : (
      form.status === 'done' &&
      form.result !== null && (
        <p class="review approved" role="status" tabIndex={-1} ref={approvedRef}>
          {acceptedAt ? i18n.t('task.approvedOn', [acceptedAt]) : i18n.t('task.approved')}
        </p>
      )
    ));
  const thread = <CommentsThread taskId={stored.id} inputRef={messageRef} offer={offer} />;

  return (
    <article class="editor" aria-labelledby={`${id}-heading`}>
      <div class="editor-head">
        <h1 id={`${id}-heading`}>{i18n.t('task.heading')}</h1>
        <SaveIndicator state={saving.state} />
      </div>
      <p class="hint">{i18n.t('field.createdAt', [formatDateTime(stored.createdAt, uiLocale())])}</p>
      <TaskLevel task={stored} role={role} />
      <ErrorAlert message={saving.error ? errorMessage('save', saving.error) : null} />
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {waits && (
        // A compact head for what waits: the task's title and status, then the thread or the result to review.
        <div class="waits" ref={waitsRef} tabIndex={-1} role="region" aria-labelledby={`${id}-waits`}>
          <p id={`${id}-waits`} class="waits-note">
            <strong>
              {i18n.t(waits === 'review' ? 'task.waitsReview' : role === 'client' ? 'task.waitsThreadClient' : 'task.waitsThreadAssistant')}
            </strong>
            <span class="waits-title">{`${stored.title || stored.source.title} · ${statusLabel(stored.status)}`}</span>
          </p>
          {waits === 'review' ? (
            <>
              {result}
              {review}
            </>
          ) : (
            thread
          )}
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saving.autosave.flush();
        }}
        onFocusOut={() => void saving.autosave.flush()}
      >
        <div class="field">
          <label for={`${id}-status`}>{i18n.t('field.status')}</label>
          <select id={`${id}-status`} value={form.status} onChange={(event) => setStatus(event.currentTarget.value as TaskStatus)}>
            {statuses.map(({ status, disabled }) => (
              <option key={status} value={status} disabled={disabled}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
        {isStanding(stored) && <StandingView task={stored} />}
        {assistant ? <TaskDetails values={form} /> : <TaskFormFields values={form} onChange={(patch) => update(patch)} />}
        {!assistant && (
          <RepeatEditor
            recurrence={stored.recurrence}
            createdAt={stored.createdAt}
            today={localDay(new Date())}
            locale={uiLocale()}
            onChange={(recurrence) =>
              updateRecord(db, 'task', stored.id, { recurrence }).catch((error: unknown) => setFailure(errorMessage('save', error)))
            }
          />
        )}
        {!assistant && (
          <LevelField
            values={stored}
            onChange={(patch) =>
              updateRecord(db, 'task', stored.id, patch).catch((error: unknown) => setFailure(errorMessage('save', error)))
            }
          />
        )}
        {/* Issue 12: on the client's device, the originals behind the placeholders (inputs cannot show them inline). */}
        <PlaceholderLegend texts={[form.title, form.instructions, stored.source.quote ?? '']} />
        <InheritedInstructions open={assistant} />
        {waits !== 'review' && result}
        {assistant && !DELIVERED_STATUSES.includes(form.status) && (
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={form.result === null}
              aria-describedby={`${id}-deliver-hint`}
              onClick={() => setStatus('review')}
            >
              {i18n.t('task.deliver')}
            </button>
            <span id={`${id}-deliver-hint`} class="hint">
              {form.result === null ? i18n.t('task.deliverNeedsResult') : i18n.t('task.deliverHint')}
            </span>
          </div>
        )}
        {assistant && form.status === 'review' && <p class="hint">{i18n.t('task.delivered')}</p>}
        {waits !== 'review' && review}
      </form>
      <SourceView source={stored.source} />
      <SnapshotView taskId={stored.id} />
      {waits !== 'thread' && thread}
      <TimeLog taskId={stored.id} title={stored.title} budgetMinutes={stored.budgetMinutes ?? null} perOccurrence={isStanding(stored)} />
      {!assistant && (
        <div class="actions danger-zone">
          <ConfirmButton
            label={i18n.t('task.delete')}
            question={i18n.t('task.deleteConfirm')}
            confirmLabel={i18n.t('task.deleteYes')}
            onConfirm={() => void remove()}
          />
        </div>
      )}
    </article>
  );
}
