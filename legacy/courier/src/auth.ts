import { COURIER_CODES, Refusal } from './codes';
import { digestHolds } from './digest';
import { parseWireTime } from './time';

/** How far a request's timestamp may be from the platform's real time, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** How long a nonce stays spent: ten minutes, twice the skew window and more. */
export const NONCE_TTL_MS = 600_000;

/** Parameters every request carries (公共参数). */
export const COMMON_PARAMS = ['app_key', 'timestamp', 'nonce', 'logistics_interface', 'data_digest'] as const;

/** Customers the platform knows: app key (客户标识) → app secret. */
export type CourierApps = ReadonlyMap<string, string>;

/** Nonces seen in the last {@link NONCE_TTL_MS} per app, so a captured request cannot be replayed. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  use(appKey: string, nonce: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    const key = `${appKey}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + NONCE_TTL_MS);
    return true;
  }
}

/**
 * Checks the common parameters of a request of type `msgType`, in the order the platform checks them:
 * present and well formed (A01), a known app key (A02), a digest that holds (A03), a fresh timestamp
 * (A04), an unused nonce (A05; spent only once the digest holds, so nobody can burn a customer's nonces).
 * Returns the app key.
 */
export function authenticate(
  msgType: string,
  params: Readonly<Record<string, string>>,
  apps: CourierApps,
  nonces: NonceStore,
  now = Date.now(),
): string {
  const bad = COMMON_PARAMS.filter((name) => !params[name]);
  const { app_key: appKey, timestamp, nonce, logistics_interface: payload, data_digest: digest } = params;
  if (timestamp && parseWireTime(timestamp) === undefined) bad.push('timestamp');
  if (nonce && !/^[A-Za-z0-9]{16,64}$/.test(nonce)) bad.push('nonce');
  if (bad.length > 0)
    throw new Refusal('A01', `${COURIER_CODES.A01}或格式不符：${bad.join('、')}`, {
      errors: bad.map((field) => ({
        field,
        reason:
          field === 'timestamp'
            ? '应为 yyyy-MM-dd HH:mm:ss（北京时间）'
            : field === 'nonce'
              ? '应为16至64位字母或数字'
              : '必填参数未提供',
      })),
    });
  const secret = apps.get(appKey!);
  if (secret === undefined) throw new Refusal('A02', `${COURIER_CODES.A02}：${appKey}`);
  const parts = { msgType, appKey: appKey!, timestamp: timestamp!, nonce: nonce!, payload: payload! };
  if (!digestHolds(secret, parts, digest!)) throw new Refusal('A03');
  const skew = Math.abs(now - parseWireTime(timestamp!)!) / 1000;
  if (skew > MAX_CLOCK_SKEW_SECONDS)
    throw new Refusal('A04', `${COURIER_CODES.A04}（±${MAX_CLOCK_SKEW_SECONDS}秒）`);
  if (!nonces.use(appKey!, nonce!, now)) throw new Refusal('A05');
  return appKey!;
}
