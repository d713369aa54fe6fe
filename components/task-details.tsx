import { i18n } from '#i18n';
import { localDay } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { dueLabel, kindLabel, priorityLabel } from '../lib/ui/labels';
import { Markdown } from './markdown';
import type { TaskFormValues } from './task-form-fields';

/** The task as the client wrote it, read-only: what the assistant sees instead of the form. */
export function TaskDetails({ values }: { values: TaskFormValues }) {
  const locale = uiLocale();
  return (
    <>
      <p class="hint">{i18n.t('task.readOnlyNote')}</p>
      <dl class="details">
        <dt>{i18n.t('field.title')}</dt>
        <dd class="details-title">{values.title}</dd>
        <dt>{i18n.t('field.kind')}</dt>
        <dd>{kindLabel(values.kind)}</dd>
        <dt>{i18n.t('field.due')}</dt>
        <dd>{dueLabel(values.due, localDay(new Date()), locale).text}</dd>
        <dt>{i18n.t('field.priority')}</dt>
        <dd>{priorityLabel(values.priority)}</dd>
      </dl>
      <h2 class="subheading">{i18n.t('field.instructions')}</h2>
      {values.instructions.trim() ? <Markdown text={values.instructions} /> : <p class="hint">{i18n.t('task.noInstructions')}</p>}
    </>
  );
}
