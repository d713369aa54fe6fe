/**
 * The endpoint address as the user types it on the Connection page.
 */
import { normaliseEndpoint } from '../sync/connection';

/** The endpoint's origin from what the user typed, or null when it is not an http(s) address. */
export function endpointOrigin(input: string): string | null {
  try {
    return normaliseEndpoint(input);
  } catch {
    return null;
  }
}
