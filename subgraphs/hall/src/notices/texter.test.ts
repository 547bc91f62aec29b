import { AdapterError } from '@onething/adapter-core';
import type { SmsAdapter, SmsSend } from '@onething/adapter-sms';
import { createLogger } from '@onething/runtime';
import { describe, expect, it } from 'vitest';
import type { DueText, Notices } from './store';
import { Texter } from './texter';

/** The notices' text outbox, in memory, claimed and recorded as the store does it. */
function outbox(count: number) {
  const texts = Array.from({ length: count }, (_, i) => ({
    id: `notice-${i}`,
    mobile: `1380000${String(i).padStart(4, '0')}`,
    attempts: 0,
    status: 'PENDING' as 'PENDING' | 'SENT' | 'FAILED',
    nextAt: 0,
    leasedUntil: 0,
  }));
  const store = {
    async claimTexts(limit: number, leaseMs: number): Promise<DueText[]> {
      const now = Date.now();
      const due = texts
        .filter((t) => t.status === 'PENDING' && t.nextAt <= now && t.leasedUntil <= now)
        .slice(0, limit);
      for (const t of due) t.leasedUntil = now + leaseMs;
      return due.map((t) => ({
        id: t.id,
        applicationId: 'a',
        recipient: 'r',
        kind: 'ACCEPTED',
        params: { bundle: '二手房转移登记', bundleEn: 'House transfer', ref: 'ABCDEFGH' },
        createdAt: new Date(),
        readAt: null,
        textStatus: 'PENDING',
        textSentAt: null,
        textAttempts: t.attempts,
        textError: null,
        textReportedAt: null,
        textCarrierCode: null,
        mobile: t.mobile,
      }));
    },
    async sent(id: string) {
      const t = texts.find((x) => x.id === id)!;
      t.status = 'SENT';
      t.leasedUntil = 0;
    },
    async failed(id: string, _error: string, retryAt: Date | null, countAttempt = true) {
      const t = texts.find((x) => x.id === id)!;
      t.attempts += countAttempt ? 1 : 0;
      t.status = retryAt ? 'PENDING' : 'FAILED';
      t.nextAt = retryAt?.getTime() ?? 0;
      t.leasedUntil = 0;
    },
  };
  /** The size of each claim that found texts, in order. */
  const claims: number[] = [];
  const claim = store.claimTexts;
  store.claimTexts = async (limit, leaseMs) => {
    const due = await claim(limit, leaseMs);
    if (due.length) claims.push(due.length);
    return due;
  };
  return { texts, claims, store: store as unknown as Notices };
}

/** An SMS gateway that is down (the adapter's breaker open) until `up()`, counting the sends tried. */
function gateway() {
  let down = true;
  const tried: SmsSend[] = [];
  const sms = {
    async send(message: SmsSend) {
      tried.push(message);
      if (down)
        throw new AdapterError(
          'DEPARTMENT_UNAVAILABLE',
          'sms',
          'SendSms',
          'circuit breaker open; next trial in 30 ms',
          {
            retryAfterSeconds: 0,
          },
        );
      return { messageId: `m-${message.idempotencyKey}`, repeated: false };
    },
  } as unknown as SmsAdapter;
  return { sms, tried, up: () => (down = false) };
}

const log = createLogger('texter-test', 'silent');
const SETTINGS = {
  intervalMs: 5,
  leaseMs: 60_000,
  batch: 20,
  maxAttempts: 3,
  backoffBaseMs: 20,
  backoffMaxMs: 40,
};
const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
};

describe('the texter while the SMS gateway is down', () => {
  it('pauses as a whole, then tries one text at a time, and gives no text up for the outage', async () => {
    const { texts, claims, store } = outbox(100);
    const g = gateway();
    const texter = new Texter({ notices: store, sms: g.sms, settings: SETTINGS, log: log });
    texter.start();
    try {
      // More outages than a text's attempts allow: were they counted, texts would be given up.
      await until(() => claims.length >= 3 * SETTINGS.maxAttempts);
      // The first claim took a batch; after it found the gateway down, each claim tries one text.
      expect(claims[0]).toBe(SETTINGS.batch);
      expect(claims.slice(1).every((n) => n === 1)).toBe(true);
      expect(texts.every((t) => t.attempts === 0 && t.status === 'PENDING')).toBe(true);
      g.up();
      await until(() => texts.every((t) => t.status === 'SENT'));
      expect(texts.filter((t) => t.status === 'FAILED')).toEqual([]);
    } finally {
      await texter.stop();
    }
  });

  it('still counts and gives up a text the gateway refuses for its own reasons', async () => {
    const { texts, store } = outbox(1);
    const sms = {
      async send() {
        throw new AdapterError('DEPARTMENT_REJECTED', 'sms', 'SendSms', 'template not approved', {
          departmentCode: 'isv.SMS_TEMPLATE_ILLEGAL',
        });
      },
    } as unknown as SmsAdapter;
    const texter = new Texter({ notices: store, sms, settings: SETTINGS, log: log });
    texter.start();
    try {
      await until(() => texts[0]!.status === 'FAILED');
      expect(texts[0]!.attempts).toBe(1);
      expect(texter.paused).toBe(false);
    } finally {
      await texter.stop();
    }
  });

  it('lets one number over its rate limit wait without pausing the others', async () => {
    const { texts, store } = outbox(3);
    const sms = {
      async send(message: SmsSend) {
        if (message.idempotencyKey === 'notice-0')
          throw new AdapterError('DEPARTMENT_UNAVAILABLE', 'sms', 'SendSms', 'over the limit', {
            departmentCode: 'Limit.BusinessLimitControl',
            retryAfterSeconds: 3600,
          });
        return { messageId: `m-${message.idempotencyKey}`, repeated: false };
      },
    } as unknown as SmsAdapter;
    const texter = new Texter({ notices: store, sms, settings: SETTINGS, log: log });
    texter.start();
    try {
      await until(
        () => texts[1]!.status === 'SENT' && texts[2]!.status === 'SENT' && texts[0]!.attempts === 1,
      );
      expect(texter.paused).toBe(false);
      expect(texts[0]!.nextAt).toBeGreaterThan(Date.now() + 3_000_000);
    } finally {
      await texter.stop();
    }
  });
});
