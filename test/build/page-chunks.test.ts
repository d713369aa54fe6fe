import { describe, expect, it } from 'vitest';
import { PANEL_CHUNK, PANEL_LATER_CHUNK, SHARED_CHUNK, pageChunks, pagesChunks, type ModuleGraph } from '../../build/page-chunks';

/** A module graph as Rollup describes it: each module's static and dynamic imports; entries are the pages' index.html. */
function graph(modules: Record<string, { imports?: string[]; lazy?: string[] }>): ModuleGraph {
  return {
    getModuleIds: () => Object.keys(modules),
    getModuleInfo: (id) =>
      id in modules
        ? { isEntry: id.endsWith('index.html'), importedIds: modules[id].imports ?? [], dynamicallyImportedIds: modules[id].lazy ?? [] }
        : null,
  };
}

const POPUP = '/x/entrypoints/popup/index.html';
const PANEL = '/x/entrypoints/sidepanel/index.html';
const REPORT = '/x/entrypoints/report/index.html';

const pages = graph({
  [POPUP]: { imports: ['popup-main'] },
  'popup-main': { imports: ['list', 'popup-only'], lazy: ['popup-later'] },
  list: { imports: ['store'] },
  store: { lazy: ['migrations'] },
  'popup-only': {},
  'popup-later': { imports: ['sync-state'] },
  'sync-state': { imports: ['store'] },
  migrations: { imports: ['store'] },
  [PANEL]: { imports: ['panel-main'] },
  'panel-main': { imports: ['list', 'task-view', 'sync-state', 'budget', 'migrations'], lazy: ['connection-view'] },
  'task-view': { imports: ['store'] },
  'connection-view': { imports: ['pairing'] },
  pairing: {},
  budget: {},
  [REPORT]: { imports: ['report-main'] },
  'report-main': { imports: ['budget'] },
});

describe('pagesChunks', () => {
  const chunks = pagesChunks(pages);

  it('puts what the popup loads at once into the shared chunk, and nothing else', () => {
    expect(chunks.get('list')).toBe(SHARED_CHUNK);
    expect(chunks.get('store')).toBe(SHARED_CHUNK);
    expect(
      [...chunks]
        .filter(([, chunk]) => chunk === SHARED_CHUNK)
        .map(([id]) => id)
        .sort(),
    ).toEqual(['list', 'store']);
  });

  it('keeps what another page loads later, or the report page loads, apart from the side panel’s own code', () => {
    expect(chunks.get('sync-state')).toBe(PANEL_LATER_CHUNK);
    expect(chunks.get('migrations')).toBe(PANEL_LATER_CHUNK);
    expect(chunks.get('budget')).toBe(PANEL_LATER_CHUNK);
  });

  it('puts the side panel’s own first load into one chunk', () => {
    expect(chunks.get(PANEL)).toBe(PANEL_CHUNK);
    expect(chunks.get('panel-main')).toBe(PANEL_CHUNK);
    expect(chunks.get('task-view')).toBe(PANEL_CHUNK);
  });

  it('leaves the rest to Rollup: the popup’s own modules, lazy routes and modules no page loads at first', () => {
    for (const id of ['popup-only', 'popup-main', 'popup-later', 'connection-view', 'pairing', 'report-main', POPUP, REPORT])
      expect(chunks.has(id)).toBe(false);
  });

  it('counts every other entry of the build as another page, not only the ones it names', () => {
    const options = '/x/entrypoints/options/index.html';
    const withOptions = graph({
      [PANEL]: { imports: ['panel-main'] },
      'panel-main': { imports: ['settings', 'task-view'] },
      [options]: { imports: ['settings'] },
      settings: {},
      'task-view': {},
    });
    const named = pagesChunks(withOptions);
    expect(named.get('settings')).toBe(PANEL_LATER_CHUNK);
    expect(named.get('task-view')).toBe(PANEL_CHUNK);
  });

  it('names nothing in a build without a side panel (the background’s, the content script’s)', () => {
    expect(pagesChunks(graph({ [POPUP]: { imports: ['list'] }, list: {} })).size).toBe(0);
  });

  it('answers Rollup module by module from one reading of the graph', () => {
    const manualChunks = pageChunks();
    expect(manualChunks('task-view', pages)).toBe(PANEL_CHUNK);
    // Later calls get a narrower meta in practice; the first reading stands.
    const empty = graph({});
    expect(manualChunks('list', empty)).toBe(SHARED_CHUNK);
    expect(manualChunks('popup-only', empty)).toBeUndefined();
  });
});
