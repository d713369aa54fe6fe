// Issue 15, "Accessibility": an axe-core audit of the views in the real browser, German and
// English, light and dark; click targets of at least 24 × 24 px; and the endpoint address read by
// Chromium's own URL parser (which percent-encodes a space into the host where Node refuses it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { keepArtifacts, launchProfile, ROOT, type Profile } from './harness';

// Injected with evaluate, not addScriptTag: the extension pages' CSP refuses inline scripts.
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's violations of WCAG 2.x A/AA (and best practices) on the page as it is now. */
async function audit(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * Interactive elements smaller than 24 × 24 px (WCAG 2.2, 2.5.8). Links inside running text are
 * exempt as the criterion allows; no spacing exception is used: every target itself is large enough.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, label:has(> input[type=radio]), label:has(> input[type=checkbox]), [role=button], [tabindex="0"]',
    )) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      // A radio or checkbox inside a label: the label is the target.
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) continue;
      if (el.tagName === 'A' && el.closest('p, li') && !el.closest('nav, footer')) continue;
      if (rect.width < 24 || rect.height < 24)
        found.push(
          `${el.tagName.toLowerCase()}.${el.className} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}” ${Math.round(rect.width)}×${Math.round(rect.height)}`,
        );
    }
    return found;
  });
}

const profiles: Profile[] = [];
afterAll(async () => {
  for (const profile of profiles) await profile.close();
});

const TEXT = {
  en: {
    quickAdd: 'New task',
    tasks: 'Tasks',
    instructions: 'Instructions',
    connection: 'Connection',
    create: 'Create workspace',
    address: 'Endpoint address',
  },
  de: {
    quickAdd: 'Neue Aufgabe',
    tasks: 'Aufgaben',
    instructions: 'Anweisungen',
    connection: 'Verbindung',
    create: 'Arbeitsbereich anlegen',
    address: 'Adresse des Endpunkts',
  },
} as const;

describe.each(['en', 'de'] as const)('accessibility (%s)', (lang) => {
  it(
    'no serious or critical axe violations in popup, task list, task view, instructions and connection, light and dark; targets ≥ 24 px',
    { timeout: 240_000 },
    async () => {
      const profile = await launchProfile({ lang });
      profiles.push(profile);
      const t = TEXT[lang];
      const popup = await profile.openPage('popup.html');
      const panel = await profile.openPage('sidepanel.html');
      const report: Record<string, Finding[]> = {};
      const small: Record<string, string[]> = {};
      const check = async (page: Page, name: string) => {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          report[`${name}/${colorScheme}`] = await audit(page);
        }
        small[name] = await smallTargets(page);
      };
      try {
        const quickAdd = popup.getByPlaceholder(t.quickAdd, { exact: false });
        await quickAdd.fill(lang === 'de' ? 'Fristen im Fall Müller prüfen' : 'Check the deadlines in Müller');
        await quickAdd.press('Enter');
        await popup.locator('[data-row]').first().waitFor();
        await check(popup, 'popup');

        await panel.locator('[data-row]').first().waitFor();
        await check(panel, 'task list');
        await panel.locator('[data-row]').first().click();
        await panel.getByRole('heading', { level: 1 }).first().waitFor();
        await check(panel, 'task view (client)');
        await panel.getByRole('button', { name: t.instructions, exact: true }).click();
        await panel.getByRole('heading', { level: 1 }).first().waitFor();
        await check(panel, 'instructions');
        await panel.getByRole('button', { name: t.connection, exact: true }).click();
        await panel.getByRole('button', { name: t.create }).waitFor();
        await check(panel, 'connection');

        const serious = Object.entries(report).flatMap(([view, findings]) =>
          findings
            .filter((f) => f.impact === 'serious' || f.impact === 'critical')
            .map((f) => `${view}: ${f.impact} ${f.id} (${f.help}) ${f.targets.slice(0, 3).join(', ')}`),
        );
        console.log(
          `[a11y ${lang}] all findings by impact:`,
          JSON.stringify(Object.fromEntries(Object.entries(report).map(([v, f]) => [v, f.map((x) => `${x.impact}:${x.id}`)]))),
        );
        console.log(`[a11y ${lang}] small targets:`, JSON.stringify(small));
        expect(serious).toEqual([]);
        expect(small).toEqual(Object.fromEntries(Object.keys(small).map((k) => [k, []])));
      } catch (error) {
        await keepArtifacts(`a11y-${lang}`, [popup, panel], profile.logs);
        throw error;
      }
    },
  );
});

describe('endpoint address in Chromium', () => {
  it('refuses “Kanzlei Server” (Chromium would make it kanzlei%20server) and offers http:// for 127.0.0.1:8787', async () => {
    const profile = await launchProfile({ lang: 'en' });
    profiles.push(profile);
    const panel = await profile.openPage('sidepanel.html');
    try {
      // Chromium's parser really is the lenient one this guards against.
      expect(await panel.evaluate(() => new URL('https://Kanzlei Server').host)).toBe('kanzlei%20server');
      await panel.getByRole('button', { name: 'Connection', exact: true }).click();
      const address = panel.getByLabel('Endpoint address');
      await address.fill('Kanzlei Server');
      await panel.getByRole('button', { name: 'Create workspace' }).click();
      await panel.getByRole('alert').filter({ hasText: '“Kanzlei Server” is not a web address.' }).waitFor();
      await address.fill('127.0.0.1:8787');
      await panel.getByRole('button', { name: 'Create workspace' }).click();
      await panel.getByRole('button', { name: 'Use http://127.0.0.1:8787' }).click();
      expect(await address.inputValue()).toBe('http://127.0.0.1:8787');
    } catch (error) {
      await keepArtifacts('a11y-endpoint', [panel], profile.logs);
      throw error;
    }
  });
});
