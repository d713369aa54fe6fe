// The axe-core audit and the 24 px target check of the real-browser accessibility tests (issue 15),
// shared by a11y.e2e.test.ts, keyboard.e2e.test.ts and handover.e2e.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness';

// Injected with evaluate, not addScriptTag: the extension pages' CSP refuses inline scripts.
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's violations of WCAG 2.x A/AA (and best practices) on the page as it is now. */
export async function audit(page: Page): Promise<Finding[]> {
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
export function smallTargets(page: Page): Promise<string[]> {
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

/** The serious and critical findings, one line each, for an assertion that names them. */
export function seriousFindings(report: Record<string, Finding[]>): string[] {
  return Object.entries(report).flatMap(([view, findings]) =>
    findings
      .filter((f) => f.impact === 'serious' || f.impact === 'critical')
      .map((f) => `${view}: ${f.impact} ${f.id} (${f.help}) ${f.targets.slice(0, 3).join(', ')}`),
  );
}
