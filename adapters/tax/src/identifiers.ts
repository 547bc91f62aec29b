import { AdapterError, isAdapterError, requireIdentifiers } from '@onething/adapter-core';
import { validateResidentId, validateUscc } from '@onething/schema';

type Problems = NonNullable<AdapterError['details']['problems']>;

/** Whether a taxpayer id is to be read as a resident ID number rather than a USCC. */
function readsAsResidentId(key: string): boolean {
  if (validateResidentId(key).ok) return true;
  if (validateUscc(key).ok) return false;
  // Neither: judge by its shape, so the problems named are those of what the caller meant.
  return /^\s*\d{17}[\dXx]\s*$/.test(key);
}

/**
 * Checks taxpayer ids (each a resident ID number or a USCC) before any call; refuses the whole call with
 * INVALID_INPUT naming every bad one, or gives the normalised ids.
 */
export function requireTaxpayerIds(op: string, keys: readonly string[]): string[] {
  const problems: Problems[number][] = [];
  const out = keys.map((key, i) => {
    try {
      return requireIdentifiers('tax', op, readsAsResidentId(key) ? 'idNumber' : 'uscc', [key])[0]!;
    } catch (e) {
      if (!isAdapterError(e, 'INVALID_INPUT')) throw e;
      for (const p of e.details.problems ?? []) problems.push({ ...p, path: `taxpayerId[${i}]` });
      return key;
    }
  });
  if (problems.length > 0) {
    throw new AdapterError(
      'INVALID_INPUT',
      'tax',
      op,
      `${problems.length} invalid taxpayer id(s): ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
      { problems },
    );
  }
  return out;
}

const REQUEST_ID = /^[\x21-\x7e]{8,128}$/;

/** Whether the tax system can take this idempotency key as an `X-Request-Id` (8–128 visible ASCII). */
export function isRequestId(key: string): boolean {
  return REQUEST_ID.test(key);
}

/** Refuses an idempotency key the tax system cannot take, before anything is sent. */
export function requireRequestId(op: string, key: string): string {
  if (isRequestId(key)) return key;
  const rule = 'tax.requestId';
  throw new AdapterError(
    'INVALID_INPUT',
    'tax',
    op,
    `the idempotency key must be 8–128 visible ASCII characters`,
    {
      problems: [
        {
          path: 'idempotencyKey',
          rule,
          message: {
            zh: '幂等键（X-Request-Id）应为8至128个可见ASCII字符',
            en: 'The idempotency key (X-Request-Id) must be 8–128 visible ASCII characters',
          },
        },
      ],
    },
  );
}
