import { createHash, randomBytes } from 'node:crypto';

/** The token answer of the authorization-code flow. */
export interface CodeFlowTokens {
  readonly access_token: string;
  readonly id_token: string;
  readonly refresh_token?: string;
  readonly expires_in: number;
  readonly token_type: string;
  readonly scope?: string;
}

/**
 * Signs a persona (or a seeded resident) in by the authorization-code flow with PKCE, as a browser would on
 * the login page: to the authorization endpoint, pick the persona or type the ID number, consent, back to the redirect URI with a code, exchanged
 * for tokens. For tests and scripts that need what a real sign-in gives (an ID token, a refresh token).
 */
export async function signInWithCode(options: {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The persona to pick, or (with ALLOW_CUSTOM_TOKENS) the ID number of a seeded resident to type in. */
  readonly persona?: string;
  readonly idNumber?: string;
  readonly scope?: string;
}): Promise<CodeFlowTokens> {
  const login: Record<string, string> =
    options.idNumber === undefined ? { persona: options.persona ?? '' } : { id_number: options.idNumber };
  const discovery = (await (await fetch(`${options.issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, options.issuer), {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    await res.arrayBuffer();
    if (res.status >= 400) throw new Error(`${url} answered ${res.status}`);
    return res.headers.get('location') ?? '';
  };
  const post = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  let at = `${discovery.authorization_endpoint}?${new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid profile onething offline_access',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  })}`;
  // Each interaction (login, then consent) is a page under /interaction/<uid>, then back to /auth.
  for (let step = 0; step < 6 && !at.startsWith(options.redirectUri); step++) {
    const next = await go(at);
    if (next.includes('/interaction/')) {
      await go(next);
      const interaction = new URL(next, options.issuer).pathname;
      at = await go(
        `${interaction}/${step === 0 ? 'login' : 'confirm'}`,
        step === 0 ? { ...post, body: new URLSearchParams(login) } : post,
      );
    } else at = next;
  }
  const back = new URL(at);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state)
    throw new Error(`the sign-in did not come back with a code: ${at}`);
  const res = await fetch(discovery.token_endpoint, {
    ...post,
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      client_id: options.clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await res.json()) as CodeFlowTokens & { error_description?: string };
  if (!tokens.access_token) throw new Error(`no tokens for the code: ${JSON.stringify(tokens)}`);
  return tokens;
}
