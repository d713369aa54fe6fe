import { i18n } from '#i18n';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { FIELD_LIMITS, type Instruction } from '../lib/model';
import { addInstruction, affectsInstructions, deleteRecord, listInstructions, moveInstruction, updateRecord } from '../lib/store';
import { isSubmitShortcut, moveShortcut } from '../lib/ui/keyboard';
import { errorMessage, type FailedAction } from '../lib/ui/labels';
import { ConfirmButton } from './confirm-button';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { Markdown } from './markdown';
import { useRole } from './session-context';
import { useStoreQuery } from './use-store-query';

interface InstructionFormProps {
  initial: { title: string; body: string };
  submitLabel: string;
  /** Resolves when stored; a rejection keeps the text in the form. */
  onSubmit: (title: string, body: string) => Promise<void>;
  onCancel?: () => void;
  /** Empty the fields after a successful submit (adding), or keep them (editing closes the form). */
  resetOnSubmit?: boolean;
}

function InstructionForm({ initial, submitLabel, onSubmit, onCancel, resetOnSubmit }: InstructionFormProps) {
  const id = useId();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy || (title.trim() === '' && body.trim() === '')) return;
    setBusy(true);
    try {
      await onSubmit(title.trim(), body);
      if (resetOnSubmit) {
        setTitle('');
        setBody('');
      }
    } catch {
      // Reported by the caller; the text stays.
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="instruction-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (isSubmitShortcut(event)) {
          event.preventDefault();
          void submit();
        } else if (event.key === 'Escape' && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div class="field">
        <label for={`${id}-title`}>{i18n.t('instructions.title')}</label>
        <input
          id={`${id}-title`}
          type="text"
          maxLength={FIELD_LIMITS.instructionTitle}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-body`}>{i18n.t('instructions.body')}</label>
        <textarea
          id={`${id}-body`}
          rows={3}
          maxLength={FIELD_LIMITS.instructionBody}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {i18n.t('instructions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

interface InstructionItemProps {
  instruction: Instruction;
  first: boolean;
  last: boolean;
  editing: boolean;
  onEdit: (editing: boolean) => void;
  onSave: (title: string, body: string) => Promise<void>;
  onMove: (direction: -1 | 1) => void;
  onDelete: () => void;
}

function InstructionItem({ instruction, first, last, editing, onEdit, onSave, onMove, onDelete }: InstructionItemProps) {
  const name = instruction.title || i18n.t('instructions.untitled');
  if (editing) {
    return (
      <li class="instruction" data-instruction={instruction.id}>
        <InstructionForm initial={instruction} submitLabel={i18n.t('instructions.save')} onSubmit={onSave} onCancel={() => onEdit(false)} />
      </li>
    );
  }
  return (
    <li
      class="instruction"
      data-instruction={instruction.id}
      tabIndex={-1}
      onKeyDown={(event) => {
        const direction = moveShortcut(event);
        if (direction === null) return;
        event.preventDefault();
        onMove(direction);
      }}
    >
      <h3>{name}</h3>
      <Markdown text={instruction.body} />
      <div class="actions">
        <button type="button" aria-label={i18n.t('instructions.editNamed', [name])} onClick={() => onEdit(true)}>
          {i18n.t('instructions.edit')}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={i18n.t('instructions.moveUp', [name])}
          disabled={first}
          onClick={() => onMove(-1)}
        >
          <span class="icon icon-up" aria-hidden="true" />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={i18n.t('instructions.moveDown', [name])}
          disabled={last}
          onClick={() => onMove(1)}
        >
          <span class="icon icon-down" aria-hidden="true" />
        </button>
        <ConfirmButton
          label={i18n.t('instructions.delete')}
          ariaLabel={i18n.t('instructions.deleteNamed', [name])}
          question={i18n.t('instructions.deleteConfirm', [name])}
          confirmLabel={i18n.t('instructions.delete')}
          onConfirm={onDelete}
        />
      </div>
    </li>
  );
}

/** One instruction as the assistant sees it: the client's words, without controls. */
function ReadOnlyInstruction({ instruction }: { instruction: Instruction }) {
  return (
    <li class="instruction">
      <h3>{instruction.title || i18n.t('instructions.untitled')}</h3>
      <Markdown text={instruction.body} />
    </li>
  );
}

/** The standing instructions every task inherits: the client adds, edits, reorders, deletes; the assistant reads. */
export function InstructionsView() {
  const role = useRole();
  if (role === undefined) return <p class="hint">{i18n.t('panel.loading')}</p>;
  return role === 'assistant' ? <ClientInstructions /> : <InstructionsEditor />;
}

/** The assistant's view: the client's standing instructions, read-only (an assistant may not write them). */
function ClientInstructions() {
  const id = useId();
  const { data, error } = useStoreQuery(listInstructions, affectsInstructions);
  const instructions = data?.records ?? [];
  return (
    <section class="instructions" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{i18n.t('instructions.heading')}</h1>
      <p class="hint">{i18n.t('instructions.introAssistant')}</p>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {data && instructions.length === 0 && <p class="empty">{i18n.t('instructions.emptyAssistant')}</p>}
      {instructions.length > 0 && (
        <ol class="instruction-list">
          {instructions.map((instruction) => (
            <ReadOnlyInstruction key={instruction.id} instruction={instruction} />
          ))}
        </ol>
      )}
    </section>
  );
}

function InstructionsEditor() {
  const db = useDb();
  const id = useId();
  const { data, error } = useStoreQuery(listInstructions, affectsInstructions);
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Reordering re-inserts the item's element, which drops focus: put it back once the list re-rendered.
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    if (!refocus.current) return;
    listRef.current?.querySelector<HTMLElement>(`[data-instruction="${CSS.escape(refocus.current)}"]`)?.focus();
    refocus.current = null;
  }, [data]);

  const attempt = (action: FailedAction, work: () => Promise<void>) =>
    work().then(
      () => setFailure(null),
      (err: unknown) => {
        setFailure(errorMessage(action, err));
        throw err;
      },
    );

  const instructions = data?.records ?? [];
  return (
    <section class="instructions" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{i18n.t('instructions.heading')}</h1>
      <p class="hint">{i18n.t('instructions.intro')}</p>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {data && instructions.length === 0 && <p class="empty">{i18n.t('instructions.empty')}</p>}
      {instructions.length > 0 && (
        <>
          <p class="hint">{i18n.t('instructions.reorderHint')}</p>
          <ol class="instruction-list" ref={listRef}>
            {instructions.map((instruction, index) => (
              <InstructionItem
                key={instruction.id}
                instruction={instruction}
                first={index === 0}
                last={index === instructions.length - 1}
                editing={editing === instruction.id}
                onEdit={(on) => setEditing(on ? instruction.id : null)}
                onSave={(title, body) =>
                  attempt('save', () => updateRecord(db, 'instruction', instruction.id, { title, body })).then(() => setEditing(null))
                }
                onMove={(direction) => {
                  refocus.current = instruction.id;
                  attempt('move', () => moveInstruction(db, instruction.id, direction)).catch(() => undefined);
                }}
                onDelete={() => void attempt('delete', () => deleteRecord(db, 'instruction', instruction.id)).catch(() => undefined)}
              />
            ))}
          </ol>
        </>
      )}
      <h2 class="subheading">{i18n.t('instructions.addHeading')}</h2>
      <InstructionForm
        initial={{ title: '', body: '' }}
        submitLabel={i18n.t('instructions.add')}
        resetOnSubmit
        onSubmit={(title, body) => attempt('save', () => addInstruction(db, title, body).then(() => undefined))}
      />
    </section>
  );
}
