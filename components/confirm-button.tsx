import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Delete task". */
  label: string;
  /** Accessible name when it differs from the visible label (e.g. names the item). */
  ariaLabel?: string;
  /** The question asked before acting. */
  question: string;
  /** The confirming button's text, e.g. "Delete". */
  confirmLabel: string;
  onConfirm: () => void;
  class?: string;
  /** The confirming button's class: `danger` unless the action is not destructive (e.g. `primary`). */
  confirmClass?: string;
}

/** A button that asks inline first (no window.confirm, which side panels may block): destructive by default. */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, onConfirm, class: className, confirmClass }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    // Focus the harmless choice when asking, and return focus to the opener when done.
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={openerRef} class={className ?? 'danger'} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div
      role="group"
      class="confirm"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span class="confirm-question">{question}</span>
      <button
        type="button"
        class={confirmClass ?? 'danger'}
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" ref={cancelRef} onClick={() => setAsking(false)}>
        {i18n.t('common.cancel')}
      </button>
    </div>
  );
}
