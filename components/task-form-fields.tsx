import { i18n } from '#i18n';
import { useId } from 'preact/hooks';
import { FIELD_LIMITS, PRIORITIES, TASK_KINDS, type Priority, type TaskKind } from '../lib/model';
import { kindLabel, priorityLabel } from '../lib/ui/labels';
import { DueField } from './due-field';
import { Markdown } from './markdown';

/** The fields a draft and a task share. */
export interface TaskFormValues {
  title: string;
  kind: TaskKind;
  instructions: string;
  due: string | null;
  priority: Priority;
}

interface TaskFormFieldsProps {
  values: TaskFormValues;
  onChange: (patch: Partial<TaskFormValues>) => void;
}

/** Title, kind, instructions with an escaped preview, due date and priority (the level has its own field: it reads the workspace's levels). */
export function TaskFormFields({ values, onChange }: TaskFormFieldsProps) {
  const id = useId();
  return (
    <>
      <div class="field">
        <label for={`${id}-title`}>{i18n.t('field.title')}</label>
        <input
          id={`${id}-title`}
          type="text"
          maxLength={FIELD_LIMITS.taskTitle}
          value={values.title}
          onInput={(event) => onChange({ title: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-kind`}>{i18n.t('field.kind')}</label>
        <select id={`${id}-kind`} value={values.kind} onChange={(event) => onChange({ kind: event.currentTarget.value as TaskKind })}>
          {TASK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-instructions`}>{i18n.t('field.instructions')}</label>
        <textarea
          id={`${id}-instructions`}
          rows={6}
          maxLength={FIELD_LIMITS.instructions}
          aria-describedby={`${id}-instructions-hint`}
          value={values.instructions}
          onInput={(event) => onChange({ instructions: event.currentTarget.value })}
        />
        <p id={`${id}-instructions-hint`} class="hint">
          {i18n.t('field.instructionsHint')}
        </p>
        {values.instructions.trim() !== '' && (
          <details class="preview">
            <summary>{i18n.t('field.preview')}</summary>
            <Markdown text={values.instructions} />
          </details>
        )}
      </div>
      <DueField due={values.due} onChange={(due) => onChange({ due })} />
      <div class="field">
        <label for={`${id}-priority`}>{i18n.t('field.priority')}</label>
        <select
          id={`${id}-priority`}
          value={values.priority}
          onChange={(event) => onChange({ priority: event.currentTarget.value as Priority })}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
