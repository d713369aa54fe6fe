import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import { getNotificationSettings, setNotificationSettings, type NotificationSettings } from '../lib/store';
import { errorMessage } from '../lib/ui/labels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import type { ViewPlatform } from './platform';
import { useStoreQuery } from './use-store-query';

/**
 * Notifications on this device (issue 15): off until switched on, which asks the browser for the
 * permission in that very click; then the task's title, or no content at all.
 */
export function NotificationSettingsView({ platform }: { platform: Pick<ViewPlatform, 'requestNotifications'> }) {
  const db = useDb();
  const id = useId();
  const { data, error } = useStoreQuery(getNotificationSettings, null);
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (data) setSettings(data);
  }, [data]);

  const save = (next: NotificationSettings) => {
    setSettings(next);
    setNotificationSettings(db, next).then(
      () => setFailure(null),
      (err: unknown) => setFailure(errorMessage('save', err)),
    );
  };

  const switchOn = () => {
    // Asked first, inside the click: the browser grants permissions only there.
    const asking = platform.requestNotifications();
    void asking.then((granted) => {
      if (granted) save({ ...(settings ?? data!), enabled: true });
      else setFailure(i18n.t('notify.denied'));
    });
  };

  return (
    <section class="notification-settings" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('notify.settingsHeading')}
      </h2>
      <p class="hint">{i18n.t('notify.settingsIntro')}</p>
      <ErrorAlert message={error ? errorMessage('load', error) : failure} onDismiss={() => setFailure(null)} />
      {settings && (
        <>
          <label class="inline">
            <input
              type="checkbox"
              checked={settings.enabled}
              onChange={(event) => {
                if (event.currentTarget.checked) {
                  // Shown as off until the browser said yes.
                  event.currentTarget.checked = false;
                  switchOn();
                } else save({ ...settings, enabled: false });
              }}
            />
            {i18n.t('notify.enable')}
          </label>
          <fieldset class="field" disabled={!settings.enabled}>
            <legend>{i18n.t('notify.contentLabel')}</legend>
            {(['title', 'none'] as const).map((content) => (
              <label key={content} class="inline">
                <input
                  type="radio"
                  name={`${id}-content`}
                  checked={settings.content === content}
                  onChange={() => save({ ...settings, content })}
                />
                {i18n.t(content === 'title' ? 'notify.contentTitle' : 'notify.contentNone')}
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
