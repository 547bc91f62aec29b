import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';

/**
 * The identity provider the app signs in at, learnt at run time from the gateway's `/config.json`
 * (OIDC_ISSUER, WEB_CLIENT_ID), so one build serves the development IdP and a province's alike. Sign-in
 * is the authorization-code flow with PKCE (oidc-client-ts): away to the provider, back to the app's `/`
 * with a code, exchanged for tokens kept in the tab's sessionStorage.
 */

/** What `/config.json` answers. */
export interface SignInConfig {
  readonly issuer: string | null;
  readonly clientId: string;
}

/** Where the provider sends the browser back, after sign-in and sign-out: the app's own `/`. */
export const redirectUri = () => `${window.location.origin}/`;

export async function loadSignInConfig(): Promise<SignInConfig> {
  const res = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`/config.json answered HTTP ${res.status}`);
  return (await res.json()) as SignInConfig;
}

export function userManagerFor(config: { issuer: string; clientId: string }): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    post_logout_redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid profile onething offline_access',
    // The tab's session only: closing the tab signs out, and another tab can be someone else.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Renewed by the refresh token before it expires, without leaving the page.
    automaticSilentRenew: true,
  });
}

/** Whether the page is the provider's redirect back after a sign-in (a code, or an error). */
export const isSignInCallback = (search: URLSearchParams) =>
  search.has('state') && (search.has('code') || search.has('error'));

/** Whether the page is the provider's redirect back after a sign-out. */
export const isSignOutCallback = (search: URLSearchParams) =>
  search.has('state') && !search.has('code') && !search.has('error');

/** Where in the app to go back to after a sign-in: the hash route it started from. */
export const returnHashOf = (user: User): string => {
  const state = user.state as { hash?: unknown } | undefined;
  return typeof state?.hash === 'string' ? state.hash : '';
};
