/**
 * Which chunk a module of the pages build goes to (issue 14). The side panel loaded thirteen files
 * before its first render (one per set of pages and lazy imports sharing code), and an extension's
 * files arrive one after the other; now it loads three: what the popup loads at once too (the
 * popup's whole first load: one file besides its entry), what other pages load only later, and
 * its own. Everything else is Rollup's choice as before.
 *
 * The graph is the modules' imports, not what tree-shaking keeps: a module the popup imports
 * through a barrel (lib/store/index.ts) counts as the popup's with every module behind the barrel,
 * so the popup's own modules import straight from the modules they use (`npm run size` catches a
 * barrel import that pulls the side panel's code into the popup's first load).
 */

/** The part of Rollup's module graph this needs (ManualChunkMeta's, narrowed). */
export interface ModuleGraph {
  getModuleIds(): Iterable<string>;
  getModuleInfo(id: string): { isEntry: boolean; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

/** The chunks of the side panel's first load (see pagesChunks). */
export const PANEL_CHUNK = 'panel';
export const PANEL_LATER_CHUNK = 'panel-later';
export const SHARED_CHUNK = 'shared';

/** The pages this names by their role; every other entry of the build (the report page, any new page) counts as "another page". */
const PAGE_ENTRY = /[\\/]entrypoints[\\/](popup|sidepanel)[\\/]index\.html$/;

/** The modules reachable from `roots` by static imports (and, when `lazy`, by dynamic ones too). */
function closure(graph: ModuleGraph, roots: Iterable<string>, lazy: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = graph.getModuleInfo(id);
    if (!info) continue;
    queue.push(...info.importedIds);
    if (lazy) queue.push(...info.dynamicallyImportedIds);
  }
  return seen;
}

/**
 * The chunk of each module the side panel loads before its first render: SHARED_CHUNK for what the
 * popup loads at once too, PANEL_LATER_CHUNK for what another entry loads at all (the popup's lazy
 * imports, the report page), PANEL_CHUNK for the rest, the side panel's own. Every
 * module of the side panel's static graph is named: a manual chunk takes in every dependency not
 * named elsewhere, and the popup must not load the side panel's code. Empty without a side panel.
 */
export function pagesChunks(graph: ModuleGraph): Map<string, string> {
  const entries = [...graph.getModuleIds()].filter((id) => graph.getModuleInfo(id)?.isEntry);
  const pageOf = (id: string) => PAGE_ENTRY.exec(id)?.[1];
  const chunks = new Map<string, string>();
  const panel = entries.find((id) => pageOf(id) === 'sidepanel');
  if (!panel) return chunks;
  const popupFirst = closure(
    graph,
    entries.filter((id) => pageOf(id) === 'popup'),
    false,
  );
  const elsewhere = closure(
    graph,
    entries.filter((id) => id !== panel),
    true,
  );
  for (const id of closure(graph, [panel], false))
    chunks.set(id, popupFirst.has(id) ? SHARED_CHUNK : elsewhere.has(id) ? PANEL_LATER_CHUNK : PANEL_CHUNK);
  return chunks;
}

/** A manualChunks function for the pages build (see pagesChunks); Rollup's choice for every other module. */
export function pageChunks(): (id: string, meta: ModuleGraph) => string | undefined {
  let chunks: Map<string, string> | undefined;
  return (id, meta) => {
    // The graph is complete when Rollup first asks; computed once per build.
    chunks ??= pagesChunks(meta);
    return chunks.get(id);
  };
}
