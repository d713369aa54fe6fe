// bench/report: the monthly report with 5,000 entries of one month. In Node: building the report
// and both CSV dialects from the records. In real Chromium (needs `ZUARBEIT_E2E=1 npx wxt build`
// and Debian's Chromium; skipped with BENCH_NODE_ONLY=1): report.html from navigation to the
// tables painted. Medians over several runs; prints figures, asserts nothing.
import { performance } from 'node:perf_hooks';
import { toCsv } from '../../lib/report/csv';
import { monthlyReport, type MonthlyReportInput } from '../../lib/report/monthly-report';
import { launchProfile } from '../../test/e2e/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ENTRIES = 5_000;
const TASKS = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const KINDS = ['research', 'revise-text', 'presentation', 'other'] as const;

/** The month's records: tasks, entries spread over March 2026, two devices, two rates. */
function records() {
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    id: `task-${i}`,
    title: `Aufgabe ${i}: Schriftsatz prüfen`,
    kind: KINDS[i % 4],
    standing: i % 5 === 0,
    budgetMinutes: i % 3 ? 600 : null,
  }));
  const entries = Array.from({ length: ENTRIES }, (_, i) => {
    const day = 1 + (i % 31);
    const start = Date.UTC(2026, 2, day, 8, i % 60);
    const minutes = 5 + (i % 115);
    return {
      id: `entry-${i}`,
      taskId: `task-${i % TASKS}`,
      minutes,
      date: `2026-03-${String(day).padStart(2, '0')}`,
      note: i % 7 ? '' : 'Recherche; "BGH"',
      authorDevice: i % 2 ? 'dev-anna' : 'dev-ben',
      start: new Date(start).toISOString(),
      end: new Date(start + minutes * 60_000).toISOString(),
      source: 'timer' as const,
      rateCents: i % 2 ? 6000 : 7500,
      occurrence: i % 5 === 0 ? `2026-03-${String(day).padStart(2, '0')}` : null,
    };
  });
  return { tasks, entries };
}

function nodeFigures(): void {
  const { tasks, entries } = records();
  const input: MonthlyReportInput = {
    month: '2026-03',
    entries,
    devices: { 'dev-anna': 'Anna', 'dev-ben': 'Ben' },
    rateHistory: [{ from: '2026-01-01T00:00:00Z', cents: 6000 }],
    rounding: { step: 15, mode: 'up' },
    tasks: tasks.map(({ id, title, kind, standing }) => ({ id, title, kind, standing })),
    budgets: { perTask: Object.fromEntries(tasks.filter((t) => t.budgetMinutes).map((t) => [t.id, t.budgetMinutes!])) },
  };
  const report = [],
    csv = [],
    excel = [];
  for (let i = 0; i < RUNS + 1; i++) {
    let t0 = performance.now();
    const built = monthlyReport(input);
    report.push(performance.now() - t0);
    t0 = performance.now();
    toCsv(built, 'standard', { zone: { timeZone: 'Europe/Berlin' } });
    csv.push(performance.now() - t0);
    t0 = performance.now();
    toCsv(built, 'excel-de', { zone: { timeZone: 'Europe/Berlin' } });
    excel.push(performance.now() - t0);
  }
  console.log(
    `Node, ${ENTRIES} entries: monthlyReport median ${median(report.slice(1)).toFixed(1)} ms, CSV standard ${median(csv.slice(1)).toFixed(1)} ms, CSV excel-de ${median(excel.slice(1)).toFixed(1)} ms (${RUNS} runs after a warm-up)`,
  );
}

async function browserFigures(): Promise<void> {
  const profile = await launchProfile();
  try {
    const { tasks, entries } = records();
    // Written in the store's record format, straight into the extension's IndexedDB.
    await profile.worker.evaluate(
      async ({ tasks, entries }) => {
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          const request = indexedDB.open('zuarbeit');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(['task', 'timeEntry'], 'readwrite');
        const clock = '2026-03-01T05:00:00.000Z-0000-0000000000000001';
        // No named helper here: tsx would wrap it in a __name call the page does not know.
        const records: [string, Record<string, unknown>][] = [];
        for (const t of tasks) {
          records.push([
            'task',
            {
              id: t.id,
              title: t.title,
              kind: t.kind,
              status: 'in-progress',
              instructions: '',
              due: null,
              priority: 'normal',
              autonomy: 'ask-first',
              recurrence: t.standing ? { every: 'week', interval: 1 } : null,
              result: null,
              budgetMinutes: t.budgetMinutes,
              source: { type: 'manual', url: null, title: '', capturedAt: '2026-03-01T05:00:00.000Z' },
              createdAt: '2026-03-01T05:00:00.000Z',
            },
          ]);
        }
        for (const e of entries) records.push(['timeEntry', e]);
        for (const [store, data] of records)
          tx.objectStore(store).put({ id: data.id, data, clocks: Object.fromEntries(Object.keys(data).map((k) => [k, clock])) });
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { tasks, entries },
    );
    const load = async () => {
      const page = await profile.context.newPage();
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('.report-rows tbody tr')) {
            observer.disconnect();
            requestAnimationFrame(() => ((window as unknown as { painted: number }).painted = performance.now()));
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      // The report opens on the current month; 2026-03 is picked through the URL-less picker.
      await page.goto(profile.url('report.html'));
      await page.locator('input[type="month"]').fill('2026-03');
      const picked = await page.evaluate(() => performance.now());
      await page.waitForFunction(() => (window as unknown as { painted?: number }).painted !== undefined, undefined, { timeout: 60_000 });
      const painted = await page.evaluate(() => (window as unknown as { painted: number }).painted);
      const firstPaint = await page.evaluate(
        () =>
          (
            (performance as unknown as { getEntriesByType(type: string): PerformanceEntry[] }).getEntriesByType(
              'navigation',
            )[0] as PerformanceNavigationTiming
          ).domInteractive,
      );
      await page.close();
      return { total: painted, afterPick: painted - picked, parsed: firstPaint };
    };
    await load();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load());
    console.log(
      `report.html, ${ENTRIES} entries: tables painted median ${median(runs.map((r) => r.total)).toFixed(0)} ms from navigation ` +
        `(month picked → painted ${median(runs.map((r) => r.afterPick)).toFixed(0)} ms; document interactive at ${median(runs.map((r) => r.parsed)).toFixed(0)} ms), ${RUNS} runs`,
    );
  } finally {
    await profile.close();
  }
}

nodeFigures();
if (!process.env.BENCH_NODE_ONLY) await browserFigures();
process.exit(0);
