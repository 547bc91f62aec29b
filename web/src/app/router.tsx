import { type AnchorHTMLAttributes, useEffect, useState } from 'react';

/**
 * Routes live in the URL's hash (`#/applications/…`): the gateway serves one page, links can be shared
 * and the back button works, with nothing to configure on the server.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'bundle'; readonly code: string; readonly draftId?: string }
  | { readonly name: 'applications' }
  | { readonly name: 'application'; readonly id: string }
  | { readonly name: 'audit' }
  | { readonly name: 'inbox' }
  | { readonly name: 'documents' }
  | { readonly name: 'sell' }
  | { readonly name: 'queue' }
  | { readonly name: 'dashboard' }
  | { readonly name: 'intake' }
  | { readonly name: 'delegations' }
  | { readonly name: 'act-for'; readonly delegationId: string }
  | { readonly name: 'act-for-bundle'; readonly delegationId: string; readonly code: string }
  | { readonly name: 'not-found'; readonly path: string };

export function parseRoute(hash: string): Route {
  // A page's own state may follow a `?` (the dashboard's period and cut): it is the page's to read.
  const path = decodeURIComponent(hash.replace(/^#/, '').split('?')[0] ?? '') || '/';
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'bundles' && parts[1] && parts[2] === 'drafts' && parts[3])
    return { name: 'bundle', code: parts[1], draftId: parts[3] };
  if (parts[0] === 'bundles' && parts[1]) return { name: 'bundle', code: parts[1] };
  if (parts[0] === 'intake') return { name: 'intake' };
  if (parts[0] === 'delegations') return { name: 'delegations' };
  if (parts[0] === 'for' && parts[1] && parts[2] === 'bundles' && parts[3])
    return { name: 'act-for-bundle', delegationId: parts[1], code: parts[3] };
  if (parts[0] === 'for' && parts[1]) return { name: 'act-for', delegationId: parts[1] };
  if (parts[0] === 'applications' && parts[1]) return { name: 'application', id: parts[1] };
  if (parts[0] === 'applications') return { name: 'applications' };
  if (parts[0] === 'who-read-my-data') return { name: 'audit' };
  if (parts[0] === 'inbox') return { name: 'inbox' };
  if (parts[0] === 'documents') return { name: 'documents' };
  if (parts[0] === 'sell') return { name: 'sell' };
  if (parts[0] === 'queue') return { name: 'queue' };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  return { name: 'not-found', path };
}

export const hrefOf = (path: string) => `#${path}`;

let moves = 0;
/** How many times the user moved between pages in this tab (0 on a fresh load). */
export const navigations = () => moves;

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() =>
    parseRoute(window.location.hash.startsWith('#/') ? window.location.hash : ''),
  );
  useEffect(() => {
    const onChange = () => {
      // `#main`, `#field-…`: in-page links (skip link, problem summary) move the focus, not the page.
      if (!window.location.hash.startsWith('#/') && window.location.hash !== '') return;
      moves++;
      setRoute(parseRoute(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={hrefOf(to)} {...rest} />;
}
