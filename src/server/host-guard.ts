import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** The names and addresses the radiator answers for. */
export interface HostPolicy {
  /** The address it listens on (`--host`): a name there is answered too. */
  host: string;
  /** Where people open it (`--public-url`), e.g. behind a reverse proxy. */
  publicUrl?: URL;
}

/** `host` or `host:port`, the host a name or an IPv4 address, or `[IPv6]` with a port or not. */
const HOST_HEADER = /^(?:([a-z0-9_.-]+)|\[([0-9a-f:.]+)\])(?::(\d{1,5}))?$/i;

/** Whether listening on `address` keeps the radiator to this machine. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * Refuses, with 421, requests whose `Host` header names a host the radiator does not
 * serve. This is what defeats DNS rebinding: a page at `http://evil.example:8080/` whose
 * name the attacker points at 127.0.0.1 reaches this server, but its requests carry
 * `Host: evil.example:8080`. Answered are loopback names (`localhost`, `*.localhost`),
 * any IP address (a page whose address is an IP literal was served by that address, so
 * it is this server's own origin), the `--host` given and the host of `--public-url`.
 * Ports are not compared for names other than the public URL's: a browser always sends
 * the port it connected to, so a port adds nothing against rebinding, and tunnels
 * (`ssh -L 9000:localhost:8080`) and port mappings show another one. A request without
 * `Host` (HTTP/1.0) is answered: browsers always send one.
 */
export function hostGuard(policy: HostPolicy): MiddlewareHandler {
  const given = policy.host.toLowerCase();
  const publicHost = policy.publicUrl?.hostname.toLowerCase();
  const publicPort =
    policy.publicUrl &&
    Number(policy.publicUrl.port || (policy.publicUrl.protocol === 'https:' ? 443 : 80));
  const serves = (header: string): boolean => {
    const match = HOST_HEADER.exec(header);
    if (!match) return false;
    const [, name, ipv6, port] = match;
    if (ipv6 !== undefined) return isIP(ipv6) === 6;
    const host = (name as string).toLowerCase().replace(/\.$/, '');
    if (host === publicHost)
      return port === undefined ? policy.publicUrl?.port === '' : Number(port) === publicPort;
    return (
      host === 'localhost' || host.endsWith('.localhost') || isIP(host) === 4 || host === given
    );
  };
  return async (c, next) => {
    const header = c.req.header('host');
    if (header === undefined || serves(header)) return next();
    return c.text(
      `This radiator does not answer for the host "${header.slice(0, 100)}". Open it at the address it printed when it started, or start it with --public-url if people reach it at another address.\n`,
      421,
    );
  };
}
