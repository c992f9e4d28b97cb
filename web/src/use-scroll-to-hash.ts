import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Once a page's data has arrived, brings the element the URL's #fragment names into view
 * and gives it focus, as a browser would on a static page. `ready` is falsy while the page
 * has nothing to show; when it changes (more is shown), the fragment is looked for again.
 */
export function useScrollToHash(ready: unknown): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash === '') return;
    const id = decodeURIComponent(hash.slice(1));
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [ready, hash]);
}
