import { invalidParams, missingParams, type ParamError, Refusal } from './codes';
import type { NonceStore } from './nonces';
import type { FundApps } from './settings';
import { verifySignature } from './signature';

/** How far a request's timestamp may be from the system's real time, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** How long a nonce stays used, in milliseconds: ten minutes, twice the skew window and more. */
export const NONCE_TTL_MS = 600_000;

/** Parameters every request carries (公共参数). */
export const COMMON_PARAMS = ['appid', 'timestamp', 'nonce', 'sign'] as const;

/**
 * Checks the common parameters of a request, in the order the fund checks them: present (E1005), well
 * formed (E2001), a known app (E1001), a valid signature (E1002), a fresh timestamp (E1003), an unused
 * nonce (E1004). The nonce is only spent once the signature holds, so nobody can burn an app's nonces.
 * Returns the app id.
 */
export function authenticate(
  params: Readonly<Record<string, string>>,
  apps: FundApps,
  nonces: NonceStore,
  now = Date.now(),
): string {
  const missing = COMMON_PARAMS.filter((name) => !params[name]);
  if (missing.length > 0) throw missingParams(missing);
  const { appid, timestamp, nonce } = params as Record<(typeof COMMON_PARAMS)[number], string>;
  const errors: ParamError[] = [];
  if (!/^\d{1,12}$/.test(timestamp)) errors.push({ zd: 'timestamp', yy: '应为Unix时间戳（秒）' });
  if (!/^[A-Za-z0-9]{16,64}$/.test(nonce)) errors.push({ zd: 'nonce', yy: '应为16至64位字母或数字' });
  if (errors.length > 0) throw invalidParams(errors);
  const secret = apps.get(appid);
  if (secret === undefined) throw new Refusal('E1001', `应用标识不存在：${appid}`);
  if (!verifySignature(params, secret)) throw new Refusal('E1002');
  const skew = Math.abs(Math.floor(now / 1000) - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new Refusal(
      'E1003',
      `时间戳超出允许范围（±${MAX_CLOCK_SKEW_SECONDS}秒），服务器时间${Math.floor(now / 1000)}`,
    );
  }
  if (!nonces.use(appid, nonce, now)) throw new Refusal('E1004');
  return appid;
}
