/**
 * The endpoint address as the user types it on the Connection page (issue 15, "What got in the
 * way" 1). Browsers' URL parsers are lenient where Node's is strict (Chromium turns `Kanzlei
 * Server` into the host `kanzlei%20server`), so the host is checked here, the same in every runtime.
 */
/**
 * What an address reads as: `origin` to use; `needs-scheme` a bare address on this computer or a
 * local network, which usually answers without TLS, so `http://` is suggested instead of silently
 * trying `https://`; `not-a-host` no http(s) address of a host.
 */
export type EndpointReading =
  { kind: 'empty' } | { kind: 'origin'; origin: string } | { kind: 'needs-scheme'; suggestion: string } | { kind: 'not-a-host' };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** DNS labels (IDNs arrive as punycode from the URL parser), an IPv4 address, or a bracketed IPv6 address. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?$|^\[[0-9a-f:.]+\]$/;
/** Names that only resolve on this computer or a local network. */
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|lan|internal|home\.arpa)\.?$/;

function isLocalHost(hostname: string): boolean {
  if (hostname.startsWith('[')) {
    const v6 = hostname.slice(1, -1);
    // Loopback, unique local (fc00::/7) and link-local (fe80::/10).
    return v6 === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
  }
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(hostname);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  // A single-label name (`nas`, `kanzleiserver`) is an intranet name: no public certificate has it.
  return LOCAL_NAME.test(hostname) || !hostname.includes('.');
}

/** Reads what the user typed as an endpoint address. */
export function readEndpoint(input: string): EndpointReading {
  const trimmed = input.trim();
  if (!trimmed) return { kind: 'empty' };
  // Whitespace inside is never part of an address; some parsers would percent-encode it into the host.
  if (/\s/.test(trimmed)) return { kind: 'not-a-host' };
  const bare = !SCHEME.test(trimmed);
  let url: URL;
  try {
    url = new URL(bare ? `https://${trimmed}` : trimmed);
  } catch {
    return { kind: 'not-a-host' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !HOST.test(url.hostname))
    return { kind: 'not-a-host' };
  if (bare && isLocalHost(url.hostname)) return { kind: 'needs-scheme', suggestion: `http://${url.host}` };
  return { kind: 'origin', origin: url.origin };
}
