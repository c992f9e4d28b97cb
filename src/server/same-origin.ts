import type { Context, MiddlewareHandler } from 'hono';

/**
 * Refuses requests another site's page made the browser send (CSRF), before the token is
 * looked at: with `Sec-Fetch-Site` other than `same-origin` (or `none`, a request the
 * user typed), or an `Origin` whose host is not the request's `Host` nor the origin of
 * `--public-url`. Requests that carry neither header (curl, scripts) are not a browser's
 * on another site's behalf and pass. `Origin: null` (sandboxed frames, `file:` pages) is
 * refused.
 */
export function sameOrigin(
  publicUrl: URL | undefined,
  refuse: (c: Context, message: string) => Response,
): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const foreign =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && !sameAs(origin, c.req.header('host'), publicUrl));
    if (foreign)
      return refuse(
        c,
        'This request comes from another site; the radiator takes writes only from its own pages and from scripts.',
      );
    return next();
  };
}

function sameAs(origin: string, host: string | undefined, publicUrl: URL | undefined): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (publicUrl !== undefined && url.origin === publicUrl.origin) return true;
  const own = `http://${host}`;
  return host !== undefined && URL.canParse(own) && url.host === new URL(own).host;
}
