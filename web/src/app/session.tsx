import type { User, UserManager } from 'oidc-client-ts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  isSignInCallback,
  isSignOutCallback,
  loadSignInConfig,
  returnHashOf,
  userManagerFor,
} from './identity-provider';

/** Who is signed in: the token the gateway checks, and what the app shows and chooses by. */
export interface Session {
  readonly token: string;
  /** The token's subject: a member of staff's id (as StaffMember.subject names them). */
  readonly subject: string;
  readonly persona: string;
  readonly name: string;
  readonly role: 'applicant' | 'window-staff' | 'department-staff' | 'supervisor';
  readonly idNumber?: string;
  readonly departments: readonly string[];
}

interface SessionContextValue {
  /** Who is signed in; null while the app learns it (`ready` false) and when nobody is. */
  readonly session: Session | null;
  /** Whether the app knows yet who is signed in (it asks the gateway and may finish a sign-in first). */
  readonly ready: boolean;
  /** Why signing in is not possible or did not succeed, as the provider or the gateway said. */
  readonly error: string | null;
  /** Away to the identity provider; the app comes back signed in, to the page it was on. */
  signIn(): Promise<void>;
  /** Forgets the tokens and ends the session at the identity provider, which sends the browser back. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** The session of a signed-in user: the access token, and who they are by its claims (or the ID token's). */
function sessionOf(user: User | null): Session | null {
  if (!user || user.expired) return null;
  let claims: Record<string, unknown> = user.profile;
  try {
    claims = { ...user.profile, ...claimsOf(user.access_token) };
  } catch {
    // An opaque access token: the ID token's claims tell who signed in.
  }
  return {
    token: user.access_token,
    subject: String(claims.sub ?? ''),
    persona: typeof claims.persona === 'string' ? claims.persona : '',
    name: String(claims.name ?? ''),
    role: claims.role as Session['role'],
    ...(typeof claims.id_number === 'string' ? { idNumber: claims.id_number } : {}),
    departments: (claims.departments as string[] | undefined) ?? [],
  };
}

interface Start {
  readonly manager: UserManager | null;
  readonly user: User | null;
  readonly error: string | null;
}

/**
 * Once per page load (StrictMode runs effects twice; a code is exchanged only once): the provider from
 * the gateway, then the sign-in or sign-out the provider sent the browser back from, else the tab's user.
 */
let starting: Promise<Start> | undefined;
async function start(): Promise<Start> {
  let manager: UserManager | null = null;
  const search = new URLSearchParams(window.location.search);
  const back = () => window.history.replaceState(null, '', `/${window.location.hash}`);
  try {
    const config = await loadSignInConfig();
    if (!config.issuer)
      return { manager, user: null, error: 'the gateway names no identity provider (OIDC_ISSUER)' };
    manager = userManagerFor({ issuer: config.issuer, clientId: config.clientId });
    if (isSignInCallback(search)) {
      const user = await manager.signinRedirectCallback();
      window.history.replaceState(null, '', `/${returnHashOf(user)}`);
      return { manager, user, error: null };
    }
    if (isSignOutCallback(search)) {
      await manager.signoutRedirectCallback().catch(() => undefined);
      back();
    }
    return { manager, user: await manager.getUser(), error: null };
  } catch (e) {
    if (isSignInCallback(search)) back();
    return { manager, user: null, error: (e as Error).message };
  }
}

/** An error the app shows as it is: what went wrong and what to do. */
export class AppError extends Error {
  override readonly name = 'AppError';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Start & { ready: boolean }>({
    manager: null,
    user: null,
    error: null,
    ready: false,
  });
  useEffect(() => {
    let live = true;
    starting ??= start();
    void starting.then((s) => {
      if (live) setState({ ...s, ready: true });
    });
    return () => {
      live = false;
    };
  }, []);
  const { manager } = state;
  useEffect(() => {
    if (!manager) return;
    const loaded = (user: User) => setState((s) => ({ ...s, user }));
    const gone = () => setState((s) => ({ ...s, user: null }));
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(gone);
    manager.events.addAccessTokenExpired(gone);
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(gone);
      manager.events.removeAccessTokenExpired(gone);
    };
  }, [manager]);
  const signIn = useCallback(async () => {
    if (!manager) throw new AppError(state.error ?? 'there is no identity provider to sign in at');
    await manager.signinRedirect({ state: { hash: window.location.hash } });
  }, [manager, state.error]);
  const signOut = useCallback(async () => {
    if (!manager) return;
    try {
      await manager.signoutRedirect();
    } catch {
      // A provider without an end-session endpoint: forget the tokens here, which signs out of the app.
      await manager.removeUser();
    }
  }, [manager]);
  const session = useMemo(() => sessionOf(state.user), [state.user]);
  const value = useMemo(
    () => ({ session, ready: state.ready, error: state.error, signIn, signOut }),
    [session, state.ready, state.error, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
