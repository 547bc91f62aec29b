import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthError } from './errors';
import type { ServiceClients } from './settings';

/** The realm a failed HTTP Basic login is challenged with. */
const CHALLENGE = { 'www-authenticate': 'Basic realm="onething-dev-idp", charset="UTF-8"' };

/** Client credentials as the request presented them. */
export interface PresentedClient {
  readonly id: string;
  readonly secret: string;
  readonly via: 'basic' | 'body';
}

/**
 * Reads HTTP Basic client credentials (RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined by
 * a colon and base64-encoded). Undefined when the request has no Basic authorization.
 */
export function basicCredentials(header: string | undefined): PresentedClient | undefined {
  if (!header || !/^Basic\s/i.test(header)) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0)
    throw new OAuthError(
      'invalid_client',
      'the Basic authorization is not base64 of "client_id:client_secret"; send e.g. `curl -u hall:hall-dev-secret`',
      CHALLENGE,
    );
  const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
  try {
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)), via: 'basic' };
  } catch {
    throw new OAuthError(
      'invalid_client',
      'the Basic credentials are not valid form-urlencoding; percent-encode special characters of the id and secret',
      CHALLENGE,
    );
  }
}

/** Compares secrets in constant time; hashing first makes the lengths equal. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Authenticates a service client against SERVICE_CLIENTS. An unknown client and a wrong secret get the
 * same answer, so the endpoint does not tell which client ids exist.
 */
export function authenticateClient(clients: ServiceClients, presented: PresentedClient): string {
  const expected = clients.get(presented.id);
  // Compare even for an unknown client, so timing does not tell which ids exist either.
  const ok = sameSecret(expected ?? '\u0000unknown-client', presented.secret) && expected !== undefined;
  if (!ok)
    throw new OAuthError(
      'invalid_client',
      `client authentication failed for "${presented.id}": unknown client_id or wrong client_secret; service clients and their secrets are set in the provider's SERVICE_CLIENTS`,
      presented.via === 'basic' ? CHALLENGE : {},
    );
  return presented.id;
}
