// The background tasks the browser benches write straight into the extension's IndexedDB, in the
// store's task format: a lawyer's list of research tasks, a sixth of them in each status.

const STATUSES = ['new', 'accepted', 'in-progress', 'question', 'review', 'done'];

/** `count` task records' data, ids `bench-0` …; built in Node and handed to the page or worker. */
export function benchTasks(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-${i}`,
    title: `Aufgabe ${i}: Schriftsatz prüfen`,
    kind: 'research',
    status: STATUSES[i % STATUSES.length],
    instructions: 'Bitte Fristen prüfen.',
    due: i % 3 ? null : '2026-12-01',
    priority: 'normal',
    autonomy: 'ask-first',
    recurrence: null,
    result: null,
    source: { type: 'page', url: `https://example${i % 50}.com/a/${i}`, title: `Seite ${i}`, capturedAt: '2026-11-27T05:00:00.000Z' },
    createdAt: new Date(Date.UTC(2026, 10, 27, 5, 0, i % 60)).toISOString(),
  }));
}
