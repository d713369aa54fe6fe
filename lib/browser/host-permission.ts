/**
 * The optional host permission the extension asks for to reach the endpoint.
 */

/**
 * The match pattern to request for an endpoint origin. Without the port: Firefox refuses match
 * patterns with one, and Chrome matches every port of a host without one.
 */
export function hostPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
