/** Sync protocol v1: wire schemas, limits and error codes shared by the extension and the server. */
export * from './limits';
export * from './wire';
export * from './errors';
