// Scenario 6: the Firefox build declares its sidebar (Firefox itself is not installed here).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const dir = join(ROOT, '.output/firefox-mv2');

describe('Firefox build', () => {
  it('has a valid sidebar_action pointing at the side panel page, and the same features', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.sidebar_action).toMatchObject({ default_panel: expect.stringMatching(/sidepanel\.html$/) });
    expect(existsSync(join(dir, manifest.sidebar_action.default_panel))).toBe(true);
    expect(manifest.side_panel).toBeUndefined();
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.permissions).toEqual(expect.arrayContaining(['contextMenus', 'storage', 'activeTab', 'alarms']));
    expect(manifest.commands['delegate-current']).toBeDefined();
    expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    for (const lang of ['de', 'en']) {
      const messages = JSON.parse(readFileSync(join(dir, '_locales', lang, 'messages.json'), 'utf8'));
      expect(messages.extName.message).toBe('Zuarbeit');
      expect(messages.menuDelegate.message).toBe(lang === 'de' ? 'Delegieren' : 'Delegate this');
    }
    expect(existsSync(join(dir, 'capture.js'))).toBe(true);
  });
});
