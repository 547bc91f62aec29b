import type { FastifyRequest } from 'fastify';
import { Refusal } from './codes';
import { parseAuthorization, verifySignature } from './signature';

/** How far a request's timestamp may be from the gateway's real time, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** How long a nonce stays used: fifteen minutes, more than the two skew windows it could fall in. */
export const NONCE_TTL_MS = 900_000;

/** Nonces seen per access key in the last {@link NONCE_TTL_MS}; entries expire in insertion order. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** Records the nonce; false when the key already used it within the window. */
  use(accessKeyId: string, nonce: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    const key = `${accessKeyId}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + NONCE_TTL_MS);
    return true;
  }
}

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Checks a request's signature, in the order the gateway checks: signed at all (Auth.Missing), a known
 * access key (Auth.AccessKeyNotFound), a signature that holds over the canonical request
 * (Auth.SignatureMismatch), a fresh timestamp (Auth.RequestExpired), an unused nonce (Auth.NonceReused).
 * The nonce is spent only once the signature holds, so nobody can burn a caller's nonces. Returns the
 * access key id.
 */
export function authenticate(
  req: FastifyRequest,
  rawBody: Buffer,
  accounts: ReadonlyMap<string, string>,
  nonces: NonceStore,
  now = Date.now(),
): string {
  const auth = parseAuthorization(header(req, 'authorization'));
  const timestamp = header(req, 'x-sms-timestamp');
  const nonce = header(req, 'x-sms-nonce');
  if (!auth || !timestamp || !/^\d{1,12}$/.test(timestamp) || !nonce || !/^[A-Za-z0-9]{16,64}$/.test(nonce))
    throw new Refusal('Auth.Missing');
  const secret = accounts.get(auth.accessKeyId);
  if (secret === undefined)
    throw new Refusal('Auth.AccessKeyNotFound', `AccessKeyId不存在：${auth.accessKeyId}`);
  const path = req.url.split('?')[0]!;
  if (!verifySignature({ method: req.method, path, timestamp, nonce, body: rawBody }, secret, auth.signature))
    throw new Refusal('Auth.SignatureMismatch');
  const skew = Math.abs(Math.floor(now / 1000) - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS)
    throw new Refusal(
      'Auth.RequestExpired',
      `请求时间戳超出允许范围（±${MAX_CLOCK_SKEW_SECONDS}秒），服务器时间${Math.floor(now / 1000)}`,
    );
  if (!nonces.use(auth.accessKeyId, nonce, now)) throw new Refusal('Auth.NonceReused');
  return auth.accessKeyId;
}
