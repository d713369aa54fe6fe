import { i18n } from '#i18n';

/** Where pairing with the assistant will live; sync arrives with a later issue. */
export function ConnectionView() {
  return (
    <section class="connection">
      <h1>{i18n.t('connection.heading')}</h1>
      <p>{i18n.t('connection.text')}</p>
    </section>
  );
}
