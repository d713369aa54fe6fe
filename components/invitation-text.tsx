import { i18n } from '#i18n';
import type { ComponentChildren, RefObject } from 'preact';

interface InvitationTextProps {
  /** The textarea's id, for the label the caller puts before it. */
  id: string;
  invitation: string;
  describedBy: string;
  copied: boolean;
  onCopy: (text: string) => void;
  fieldRef?: RefObject<HTMLTextAreaElement | null>;
  /** Shown between the invitation and its Copy button. */
  children?: ComponentChildren;
}

/** A one-time invitation to copy: read-only, selected whole on focus, with a Copy button that says when it copied. */
export function InvitationText({ id, invitation, describedBy, copied, onCopy, fieldRef, children }: InvitationTextProps) {
  return (
    <>
      <textarea
        id={id}
        ref={fieldRef}
        class="invitation-text"
        rows={3}
        readOnly
        spellcheck={false}
        aria-describedby={describedBy}
        value={invitation}
        onFocus={(event) => event.currentTarget.select()}
      />
      {children}
      <div class="actions">
        <button type="button" onClick={() => onCopy(invitation)}>
          {i18n.t('connection.copy')}
        </button>
        <span class="copied" role="status">
          {copied ? i18n.t('connection.copied') : ''}
        </span>
      </div>
    </>
  );
}
