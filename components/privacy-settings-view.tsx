import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { SENSITIVE_TYPES, type SensitiveType } from '../lib/privacy';
import { PRIVACY_NAME_LIMITS, savePrivacySettings, type ClientPrivacySettings } from '../lib/store/privacy';
import { sensitiveTypeLabel } from '../lib/ui/confidentiality';
import { errorMessage } from '../lib/ui/labels';
import { usePrivacy } from './confidentiality-context';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';

/** The confidentiality settings of this device: the names to look for, and per type whether it is looked for and blocks. */
export function PrivacySettingsView() {
  const { data, error } = usePrivacy();
  if (error) return <ErrorAlert message={errorMessage('load', error)} />;
  if (!data) return <p class="hint">{i18n.t('panel.loading')}</p>;
  return <PrivacySettingsForm initial={data.settings} />;
}

const toggled = (types: readonly SensitiveType[], type: SensitiveType, on: boolean) =>
  on ? SENSITIVE_TYPES.filter((t) => t === type || types.includes(t)) : types.filter((t) => t !== type);

function PrivacySettingsForm({ initial }: { initial: ClientPrivacySettings }) {
  const db = useDb();
  const id = useId();
  const [names, setNames] = useState(initial.names.join('\n'));
  const [enabled, setEnabled] = useState(initial.enabledTypes);
  const [blocking, setBlocking] = useState(initial.blockingTypes);
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    try {
      const stored = await savePrivacySettings(db, { names: names.split('\n'), enabledTypes: enabled, blockingTypes: blocking });
      setNames(stored.names.join('\n'));
      setFailure(null);
      setStatus('saved');
    } catch (err) {
      setFailure(errorMessage('save', err));
    }
  };
  const edited = () => setStatus('idle');

  return (
    <form
      class="editor"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1 id={`${id}-heading`}>{i18n.t('privacy.settings.heading')}</h1>
      <p class="hint">{i18n.t('privacy.settings.intro')}</p>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <div class="field">
        <label for={`${id}-names`}>{i18n.t('privacy.settings.names')}</label>
        <textarea
          id={`${id}-names`}
          rows={6}
          maxLength={PRIVACY_NAME_LIMITS.count * (PRIVACY_NAME_LIMITS.length + 1)}
          aria-describedby={`${id}-names-hint`}
          value={names}
          onInput={(event) => {
            setNames(event.currentTarget.value);
            edited();
          }}
        />
        <p id={`${id}-names-hint`} class="hint">
          {i18n.t('privacy.settings.namesHint')}
        </p>
      </div>
      <table class="details">
        <caption class="subheading">{i18n.t('privacy.settings.types')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('privacy.settings.types')}</th>
            <th scope="col">{i18n.t('privacy.settings.enabled')}</th>
            <th scope="col">{i18n.t('privacy.settings.blocking')}</th>
          </tr>
        </thead>
        <tbody>
          {SENSITIVE_TYPES.map((type) => {
            const label = sensitiveTypeLabel(type);
            const on = enabled.includes(type);
            return (
              <tr key={type}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={i18n.t('privacy.settings.enabledNamed', [label])}
                    checked={on}
                    onChange={(event) => {
                      setEnabled(toggled(enabled, type, event.currentTarget.checked));
                      edited();
                    }}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={i18n.t('privacy.settings.blockingNamed', [label])}
                    checked={on && blocking.includes(type)}
                    disabled={!on}
                    onChange={(event) => {
                      setBlocking(toggled(blocking, type, event.currentTarget.checked));
                      edited();
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions">
        <button type="submit" class="primary">
          {i18n.t('privacy.settings.save')}
        </button>
        <span class="hint" role="status">
          {status === 'saved' ? i18n.t('privacy.settings.saved') : ''}
        </span>
      </div>
    </form>
  );
}
