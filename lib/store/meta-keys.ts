/**
 * Every key of the `meta` store, in one place: the store, the sync engine, the loop and the
 * views name meta values only through this registry, never as string literals.
 */
export const META = {
  /** The device's hybrid logical clock (its node id signs every message). */
  clock: 'clock',
  /** The sync cursor: the last log seq applied. */
  cursor: 'cursor',
  /** The paired workspace: endpoint, ids, token, role, keys. */
  connection: 'connection',
  /** The workspace's device list as last fetched. */
  devices: 'devices',
  /** The sync loop's state (last success, failure, backoff). */
  syncState: 'syncState',
  /** What the side panel shows next. */
  panelRoute: 'panelRoute',
  /** This device's ECDH key pair for the workspace (the private key non-extractable) and whether it is published. */
  deviceKey: 'deviceKey',
  /** Devices whose public key this device trusts, each pinned to the key it was trusted with. */
  trustedDevices: 'trustedDevices',
  /** Secrets of the invitations this client device created (to verify join proofs). */
  inviteSecrets: 'inviteSecrets',
  /** A key rotation pushed but not yet taken into the connection (finished on the next rotation or sync). */
  pendingRotation: 'pendingRotation',
  /** The client's confidentiality settings: names to look for, which types are checked and which block (issue 12). */
  privacySettings: 'privacySettings',
  /** Placeholder → original, one mapping per workspace; on this device only, never synced (issue 12). */
  placeholderMappings: 'placeholderMappings',
  /** Per draft, the hits the client marked as fine (issue 12). */
  privacyReviews: 'privacyReviews',
  /** A break noticed while this device's timer ran, waiting for the person's decision (issue 10). */
  timerIdle: 'timerIdle',
  /** Budget warnings this device has shown, per task (each threshold once while it stays crossed). */
  budgetWarned: 'budgetWarned',
  /** The handover packages this device's successor has seen as her first page (issue 11). */
  handoverSeen: 'handoverSeen',
  /** Whether this device shows system notifications, and with how much of the task (issue 15). */
  notificationSettings: 'notificationSettings',
} as const;

export type MetaKey = (typeof META)[keyof typeof META];
