import { beijingDate } from '../calendar/working-days';
import type { Delegation } from './model';

/**
 * Where a delegation stands, and what may be done with it: a pure machine over the delegation and the day
 * (a Beijing date, calendar/clock.ts). The store and the resolvers only carry its answers out.
 *
 *   NOT_YET_VALID ──(validFrom comes)──► ACTIVE ──(validUntil passes)──► EXPIRED
 *         │                                │
 *         └──────────(revoke)──────────────┴──► REVOKED
 *
 * REVOKED and EXPIRED are final: nothing moves them, and the agent may act only while ACTIVE.
 */
export type DelegationStatus = 'ACTIVE' | 'NOT_YET_VALID' | 'EXPIRED' | 'REVOKED';

type Dated = Pick<Delegation, 'validFrom' | 'validUntil' | 'revokedAt'>;

/** Where a delegation stands on `today` (`yyyy-MM-dd`, Beijing): revocation first, then its days. */
export function delegationStatus(d: Dated, today: string): DelegationStatus {
  if (d.revokedAt) return 'REVOKED';
  if (today < d.validFrom) return 'NOT_YET_VALID';
  if (today > d.validUntil) return 'EXPIRED';
  return 'ACTIVE';
}

/** The day after a Beijing date. */
export const dayAfter = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Why something was refused: a code of the registry and what to say, in both languages. */
export interface Refusal {
  readonly code: 'NOT_FOUND' | 'DELEGATION_NOT_ACTIVE' | 'DELEGATION_OUT_OF_SCOPE';
  readonly en: string;
  readonly zh: string;
  /** What a client may act on besides the code. */
  readonly details: Record<string, unknown>;
}

export type Judgement<T = unknown> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly refusal: Refusal };

const unknown = (id: string): Refusal => ({
  code: 'NOT_FOUND',
  en: `there is no delegation ${id} naming you`,
  zh: '没有该授权委托',
  details: {},
});

/** Why a delegation that is not ACTIVE allows nothing: which status, and since (or until) when. */
export function notActive(d: Dated & { id: string }, today: string): Refusal | undefined {
  const status = delegationStatus(d, today);
  switch (status) {
    case 'ACTIVE':
      return undefined;
    case 'REVOKED': {
      const on = beijingDate(d.revokedAt!);
      return {
        code: 'DELEGATION_NOT_ACTIVE',
        en: `delegation ${d.id} was revoked by its principal on ${on}: it allows nothing since`,
        zh: `该授权委托已于 ${on} 被委托人撤销，此后不能再代为办理`,
        details: { status, since: on },
      };
    }
    case 'EXPIRED': {
      const since = dayAfter(d.validUntil);
      return {
        code: 'DELEGATION_NOT_ACTIVE',
        en: `delegation ${d.id} expired: its last day was ${d.validUntil}, it allows nothing since ${since}`,
        zh: `该授权委托已过期：有效期至 ${d.validUntil}，自 ${since} 起不能再代为办理`,
        details: { status, since },
      };
    }
    case 'NOT_YET_VALID':
      return {
        code: 'DELEGATION_NOT_ACTIVE',
        en: `delegation ${d.id} is not valid yet: it allows acting from ${d.validFrom}`,
        zh: `该授权委托尚未生效：自 ${d.validFrom} 起方可代为办理`,
        details: { status, from: d.validFrom },
      };
  }
}

/**
 * Whether the agent `agentIdNumber` may act under `d` in `bundleCode` (null: no bundle, e.g. listing
 * drafts) on `today`. Someone the delegation does not name as agent learns nothing of it (NOT_FOUND);
 * a delegation not in force is refused before its scope is looked at.
 */
export function judgeActing(
  d: Delegation,
  agentIdNumber: string,
  bundleCode: string | null,
  today: string,
): Judgement {
  if (d.agentIdNumber !== agentIdNumber) return { ok: false, refusal: unknown(d.id) };
  const inactive = notActive(d, today);
  if (inactive) return { ok: false, refusal: inactive };
  if (bundleCode !== null && !d.bundleCodes.includes(bundleCode))
    return {
      ok: false,
      refusal: {
        code: 'DELEGATION_OUT_OF_SCOPE',
        en: `delegation ${d.id} does not cover ${bundleCode}: it covers ${d.bundleCodes.join(', ')}`,
        zh: `该授权委托不包括「${bundleCode}」，仅限：${d.bundleCodes.join('、')}`,
        details: { bundleCode, bundleCodes: d.bundleCodes },
      },
    };
  return { ok: true };
}

/**
 * Revoking `d` by `byIdNumber` at `now`: only its principal may (anyone else learns nothing of it), and
 * only while it could still allow something (ACTIVE or NOT_YET_VALID). Revoking twice, or an expired
 * delegation, is refused as DELEGATION_NOT_ACTIVE saying since when.
 */
export function judgeRevocation(
  d: Delegation,
  byIdNumber: string,
  now: Date,
): Judgement<{ readonly revokedAt: Date }> {
  if (d.principalIdNumber !== byIdNumber)
    return { ok: false, refusal: { ...unknown(d.id), en: `there is no delegation ${d.id} of yours` } };
  const inactive = notActive(d, beijingDate(now));
  if (inactive && inactive.details.status !== 'NOT_YET_VALID') return { ok: false, refusal: inactive };
  return { ok: true, revokedAt: now };
}
