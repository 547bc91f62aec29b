import { createHmac, randomBytes } from 'node:crypto';

/**
 * The fund's request signature (签名), as PROTOCOL.md of the fund defines it: HMAC-SHA256 with the app
 * secret over every parameter but `sign`, sorted by name, joined as `name=value` with `&`, values as sent
 * and not URL-encoded; lowercase hex. (The stand-in has its own copy: the two must not depend on each other.)
 */
export function canonicalString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/** The signature of a set of parameters under an app secret. */
export function signParams(params: Readonly<Record<string, string>>, secret: string): string {
  return createHmac('sha256', secret).update(canonicalString(params), 'utf8').digest('hex');
}

/** A fresh nonce: 32 random hex characters (the fund takes 16–64 alphanumerics, once per 10 minutes). */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The form body of one attempt: the business parameters plus `appid`, a timestamp of now, a fresh nonce
 * and the signature over all of them. Built anew per attempt, so a retry is never a replay (E1004) and
 * never stale (E1003).
 */
export function signedForm(
  business: Readonly<Record<string, string>>,
  app: { readonly appId: string; readonly appSecret: string },
  now = Date.now(),
): string {
  const params: Record<string, string> = {
    ...business,
    appid: app.appId,
    timestamp: String(Math.floor(now / 1000)),
    nonce: newNonce(),
  };
  params.sign = signParams(params, app.appSecret);
  return new URLSearchParams(params).toString();
}
