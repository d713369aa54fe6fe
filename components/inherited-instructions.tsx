import { i18n } from '#i18n';
import { affectsInstructions, listInstructions } from '../lib/store';
import { Markdown } from './markdown';
import { useStoreQuery } from './use-store-query';

/**
 * The standing instructions every task inherits, shown with the task so the assistant never has
 * to look them up elsewhere; open by default for the assistant, one click away for the client.
 */
export function InheritedInstructions({ open }: { open: boolean }) {
  const { data } = useStoreQuery(listInstructions, affectsInstructions);
  const instructions = data?.records ?? [];
  if (instructions.length === 0) return null;
  return (
    <details class="inherited" open={open}>
      <summary>{i18n.t('task.inherited', [String(instructions.length)])}</summary>
      <ol class="inherited-list">
        {instructions.map((instruction) => (
          <li key={instruction.id}>
            <strong>{instruction.title || i18n.t('instructions.untitled')}</strong>
            <Markdown text={instruction.body} />
          </li>
        ))}
      </ol>
    </details>
  );
}
