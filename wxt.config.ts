import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DELEGATE_COMMAND } from './lib/background/menu';
import { TIMER_COMMAND } from './lib/background/timer-command';
import { pageChunks } from './build/page-chunks';

/**
 * The real-browser tests' build (`ZUARBEIT_E2E=1 wxt build`): a production build in all but
 * the test hook on the worker's global scope, written next to the store build (`chrome-mv3-e2e`)
 * so it can never be zipped or loaded by mistake.
 */
const e2eBuild = process.env.ZUARBEIT_E2E === '1';

/** The toolbar button's icons (public/icon/, drawn by scripts/icons.mjs). */
const TOOLBAR_ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' };

// See https://wxt.dev/api/config.html
export default defineConfig({
  ...(e2eBuild ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  modules: ['@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  // Everything is imported explicitly, so lib/ reads the same in Node tests as in the extension.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.ZUARBEIT_E2E': JSON.stringify(e2eBuild) },
  }),
  hooks: {
    // zod's /*@__PURE__*/ comments sit where Rollup cannot use them; it drops them (harmless) and
    // said so six times per build (issue 15, got in the way 12). Every other warning still shows.
    'vite:build:extendConfig': (entrypoints, config) => {
      config.build ??= {};
      config.build.rollupOptions ??= {};
      // Issue 14: a page waits for every file of its module graph, and an extension's files arrive
      // one after the other. Rollup merges chunks under 4 KB into ones loaded under the same or
      // similar conditions, and build/page-chunks.ts gives the side panel's first load three files
      // (it had thirteen), the popup's two.
      if (entrypoints.some((entrypoint) => entrypoint.name === 'sidepanel')) {
        const output = config.build.rollupOptions.output;
        if (Array.isArray(output)) throw new Error('wxt.config.ts expects one output for the pages build');
        config.build.rollupOptions.output = { ...output, experimentalMinChunkSize: 4_000, manualChunks: pageChunks() };
      }
      const previous = config.build.rollupOptions.onLog;
      config.build.rollupOptions.onLog = (level, log, handler) => {
        if (log.code === 'INVALID_ANNOTATION' && log.id?.includes('/zod/')) return;
        if (previous) previous(level, log, handler);
        else handler(level, log);
      };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['contextMenus', 'storage', 'activeTab', 'scripting', 'alarms', 'idle', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // The endpoint's origin is asked for at runtime; Firefox's MV2 names these optional_permissions.
    // Notifications too, when the person switches them on (issue 15).
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*', 'notifications'] }
      : { optional_permissions: ['notifications'], optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    // Icons from public/icon/ (scripts/icons.mjs); a filled square reads on light and dark toolbars alike.
    action: { default_title: '__MSG_extName__', default_icon: TOOLBAR_ICONS },
    // WXT's MV2 conversion keeps the title but not the icons of `action`.
    ...(browser === 'firefox' ? { browser_action: { default_title: '__MSG_extName__', default_icon: TOOLBAR_ICONS } } : {}),
    // A fixed add-on id: AMO needs one, and Firefox keeps storage (and the tests' UUID) per id.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'zuarbeit@zuarbeit.app', strict_min_version: '128.0' } } }
      : {}),
    commands: {
      [DELEGATE_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandDelegate__',
      },
      [TIMER_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_commandTimer__',
      },
    },
  }),
});
