/**
 * Small typed values in the `meta` store: the side panel's route and this device's role.
 */
import * as z from 'zod/mini';
import type { Role } from '../model';
import { getConnection } from './connection';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

export const panelRouteSchema = z.union([
  z.object({ view: z.literal('list') }),
  z.object({ view: z.literal('draft'), id: z.string() }),
  z.object({ view: z.literal('task'), id: z.string() }),
  z.object({ view: z.literal('instructions') }),
  z.object({ view: z.literal('connection') }),
  z.object({ view: z.literal('privacy') }),
]);
/** What the side panel shows; stored so a panel opened by the background knows where to go. */
export type PanelRoute = z.infer<typeof panelRouteSchema>;

/** Tells the side panel (open now or opened next) what to show. */
export async function setPanelRoute(db: Db, route: PanelRoute): Promise<void> {
  await db.put('meta', route, META.panelRoute);
  announceChange({ db: db.name, kind: 'meta', ids: [META.panelRoute] });
}

/** The side panel's route; the task list when none was set. */
export async function getPanelRoute(db: Db): Promise<PanelRoute> {
  const parsed = panelRouteSchema.safeParse(await db.get('meta', META.panelRoute));
  return parsed.success ? parsed.data : { view: 'list' };
}

export type { Role } from '../model';

/** This device's role: the client's until it joined a workspace as an assistant. */
export async function getRole(db: Db): Promise<Role> {
  return (await getConnection(db))?.role ?? 'client';
}
