/** Hono environment of the endpoint: node bindings plus what middleware puts on the context. */
import type { HttpBindings } from '@hono/node-server';
import type { AuthenticatedDevice } from '../storage/types';

export type AppEnv = {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    /** Set by `requireDevice`; also what the request log reads the workspace id from. */
    device: AuthenticatedDevice;
  };
};
