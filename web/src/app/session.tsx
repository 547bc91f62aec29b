import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** Who is signed in: the token the gateway checks, and what the app shows and chooses by. */
export interface Session {
  readonly token: string;
  readonly persona: string;
  readonly name: string;
  readonly role: 'applicant' | 'window-staff' | 'department-staff';
  readonly idNumber?: string;
  readonly departments: readonly string[];
}

/** A persona of the development identity provider, as `/idp/personas` lists it. */
export interface Persona {
  readonly id: string;
  readonly role: Session['role'];
  readonly name: string;
  readonly title: { zh: string; en: string };
  readonly description: { zh: string; en: string };
  readonly departments: readonly string[];
}

interface SessionContextValue {
  readonly session: Session | null;
  signIn(persona: string): Promise<Session>;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
// The tab's session only: closing the tab signs out, and another tab can be someone else.
const STORAGE_KEY = 'onething.session';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

function load(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    const exp = s ? Number(claimsOf(s.token).exp) : 0;
    return s && exp * 1000 > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** An error the app shows as it is: what went wrong and what to do. */
export class AppError extends Error {
  override readonly name = 'AppError';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(load);
  const signIn = useCallback(async (persona: string) => {
    const res = await fetch(`/idp/token?persona=${encodeURIComponent(persona)}`);
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      error_description?: string;
      errors?: { message: string }[];
    };
    if (!res.ok || !body.access_token)
      throw new AppError(
        body.errors?.[0]?.message ?? body.error_description ?? `sign-in failed (${res.status})`,
      );
    const claims = claimsOf(body.access_token);
    const next: Session = {
      token: body.access_token,
      persona,
      name: String(claims.name ?? ''),
      role: claims.role as Session['role'],
      ...(typeof claims.id_number === 'string' ? { idNumber: claims.id_number } : {}),
      departments: (claims.departments as string[] | undefined) ?? [],
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
    return next;
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
