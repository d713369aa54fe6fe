/**
 * The confidentiality state of the side panel (issue 12): the client's settings and the
 * workspace's placeholder mapping, read once at the panel's root and kept live, so the draft
 * check, the task and every comment share one copy. On an assistant's device the mapping is empty.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { PlaceholderMapping } from '../lib/privacy';
import type { Db } from '../lib/store';
import { affectsPrivacy } from '../lib/store';
import { getPlaceholderMapping, getPrivacySettings, type ClientPrivacySettings } from '../lib/store/privacy';
import { useSession } from './session-context';
import { useStoreQuery, type StoreQuery } from './use-store-query';

export interface Privacy {
  settings: ClientPrivacySettings;
  mapping: PlaceholderMapping;
  /** The workspace the mapping belongs to; null when this device is not paired. */
  workspaceId: string | null;
}

const NOT_READ: StoreQuery<Privacy> = { data: undefined, error: undefined, loaded: false };

const PrivacyContext = createContext<StoreQuery<Privacy> | null>(null);

/** Reads the settings and the mapping for the view below it, and again whenever they change. */
export function PrivacyProvider({ children }: { children: ComponentChildren }) {
  const { data: session } = useSession();
  const workspaceId = session?.connection?.workspaceId ?? null;
  const privacy = useStoreQuery(
    async (db: Db): Promise<Privacy> => {
      const [settings, mapping] = await Promise.all([getPrivacySettings(db), getPlaceholderMapping(db, workspaceId)]);
      return { settings, mapping, workspaceId };
    },
    affectsPrivacy,
    [workspaceId],
  );
  // Until the session is known, the workspace (and so the mapping) is not.
  return <PrivacyContext.Provider value={session ? privacy : NOT_READ}>{children}</PrivacyContext.Provider>;
}

/** The confidentiality state of the surrounding view; its data is undefined until first read. */
export function usePrivacy(): StoreQuery<Privacy> {
  const privacy = useContext(PrivacyContext);
  if (!privacy) throw new Error('usePrivacy() outside a PrivacyProvider');
  return privacy;
}
