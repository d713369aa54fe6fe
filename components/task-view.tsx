import { i18n } from '#i18n';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { TASK_STATUSES, type Task, type TaskStatus } from '../lib/model';
import { deleteRecord, getRecord, updateRecord, type PanelRoute } from '../lib/store';
import { formatDateTime } from '../lib/ui/format';
import { errorMessage, statusLabel, uiLocale } from '../lib/ui/labels';
import { changedFields, rebaseFields, taskFields, type TaskFields } from '../lib/ui/task-edit';
import { CommentsThread } from './comments-thread';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { ResultField } from './result-field';
import { SaveIndicator } from './save-indicator';
import { SourceView } from './source-view';
import { TaskFormFields } from './task-form-fields';
import { useAutosave } from './use-autosave';
import { useStoreQuery } from './use-store-query';

interface TaskViewProps {
  id: string;
  navigate: (route: PanelRoute) => void;
}

/** A delegated task: every field editable, status, result, the comments thread; live. */
export function TaskView({ id, navigate }: TaskViewProps) {
  const { data, error, loaded } = useStoreQuery((db) => getRecord(db, 'task', id), ['task'], [id], (change) => !change.ids || change.ids.includes(id));
  if (!loaded) return <p class="hint">{i18n.t('panel.loading')}</p>;
  if (!data) return error ? <ErrorAlert message={errorMessage('load', error)} /> : <p class="empty">{i18n.t('task.missing')}</p>;
  return <TaskEditor key={data.id} stored={data} navigate={navigate} />;
}

function TaskEditor({ stored, navigate }: { stored: Task; navigate: (route: PanelRoute) => void }) {
  const db = useDb();
  const id = useId();
  // base: the stored fields this form was last in step with; form: what the user sees.
  const base = useRef(taskFields(stored));
  const latest = useRef(base.current);
  const [form, setForm] = useState(base.current);
  const [failure, setFailure] = useState<string | null>(null);

  const saving = useAutosave<TaskFields>(async () => {
    // The latest form, not the scheduled snapshot: a rebase since then may have taken in remote values.
    const patch = changedFields(base.current, latest.current);
    if (Object.keys(patch).length === 0) return;
    await updateRecord(db, 'task', stored.id, patch);
    base.current = { ...base.current, ...patch };
  });

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

  return (
    <article class="editor" aria-labelledby={`${id}-heading`}>
      <div class="editor-head">
        <h1 id={`${id}-heading`}>{i18n.t('task.heading')}</h1>
        <SaveIndicator state={saving.state} />
      </div>
      <p class="hint">{i18n.t('field.createdAt', [formatDateTime(stored.createdAt, uiLocale())])}</p>
      <ErrorAlert message={saving.error ? errorMessage('save', saving.error) : null} />
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saving.autosave.flush();
        }}
        onFocusOut={() => void saving.autosave.flush()}
      >
        <div class="field">
          <label for={`${id}-status`}>{i18n.t('field.status')}</label>
          <select id={`${id}-status`} value={form.status} onChange={(event) => update({ status: event.currentTarget.value as TaskStatus }, true)}>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
        <TaskFormFields values={form} onChange={(patch) => update(patch)} />
        <ResultField result={form.result} onChange={(result) => update({ result })} />
      </form>
      <SourceView source={stored.source} />
      <CommentsThread taskId={stored.id} />
      <div class="actions danger-zone">
        <ConfirmButton
          label={i18n.t('task.delete')}
          question={i18n.t('task.deleteConfirm')}
          confirmLabel={i18n.t('task.deleteYes')}
          onConfirm={() => void remove()}
        />
      </div>
    </article>
  );
}
