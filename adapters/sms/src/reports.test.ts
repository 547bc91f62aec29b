import { randomBytes } from 'node:crypto';
import { signedHeaders } from '@onething/legacy-sms';
import { describe, expect, it } from 'vitest';
import { DeliveryReportVerifier } from './reports';

const account = { accessKeyId: 'onething-hall', accessKeySecret: 'sms-dev-secret-0001' };
const path = '/callbacks/sms-report';
const now = Date.UTC(2026, 11, 1, 8);
const body = JSON.stringify({
  ReportId: '202612010000000001-R',
  BizId: '202612010000000001',
  OutId: 'notice-42',
  PhoneNumber: '139****5678',
  TemplateCode: 'ONETHING_ACCEPTED',
  Status: 'FAILED',
  ErrCode: 'MN:0001',
  Segments: 1,
  SendTime: '2026-12-01T07:59:55.000Z',
  ReportTime: '2026-12-01T08:00:00.000Z',
});

/** A report signed as the gateway signs it (its own copy of the signature: the two must agree). */
const signed = (
  opts: { secret?: string; keyId?: string; at?: number; payload?: string; nonce?: string } = {},
) =>
  signedHeaders(
    {
      method: 'POST',
      path,
      timestamp: String(Math.floor((opts.at ?? now) / 1000)),
      nonce: opts.nonce ?? randomBytes(16).toString('hex'),
      body: opts.payload ?? body,
    },
    opts.keyId ?? account.accessKeyId,
    opts.secret ?? account.accessKeySecret,
  );

describe('delivery report signatures', () => {
  it('accepts a report the gateway signed, in domain terms', () => {
    const v = new DeliveryReportVerifier(account);
    expect(v.verify({ path, headers: signed(), body }, now)).toEqual({
      ok: true,
      report: {
        reportId: '202612010000000001-R',
        messageId: '202612010000000001',
        idempotencyKey: 'notice-42',
        templateCode: 'ONETHING_ACCEPTED',
        status: 'FAILED',
        carrierCode: 'MN:0001',
        segments: 1,
        sentAt: '2026-12-01T07:59:55.000Z',
        reportedAt: '2026-12-01T08:00:00.000Z',
      },
    });
  });

  it('accepts a report sent twice (each copy signed afresh), with the same report id', () => {
    const v = new DeliveryReportVerifier(account);
    const a = v.verify({ path, headers: signed(), body }, now);
    const b = v.verify({ path, headers: signed(), body }, now);
    expect(a.ok && b.ok && a.report.reportId === b.report.reportId).toBe(true);
  });

  it('refuses a replay: the same signed report again', () => {
    const v = new DeliveryReportVerifier(account);
    const headers = signed();
    expect(v.verify({ path, headers, body }, now).ok).toBe(true);
    expect(v.verify({ path, headers, body }, now + 1_000)).toMatchObject({
      ok: false,
      code: 'CALLBACK_REPLAYED',
    });
  });

  it.each([
    [
      'signed with another secret (forged)',
      () => ({ headers: signed({ secret: 'someone-elses-secret' }), body }),
    ],
    ['for another access key', () => ({ headers: signed({ keyId: 'other-app' }), body })],
    [
      'with its body changed after signing',
      () => ({ headers: signed(), body: body.replace('FAILED', 'DELIVERED') }),
    ],
  ])('refuses a report %s', (_, make) => {
    const v = new DeliveryReportVerifier(account);
    expect(v.verify({ path, ...make() }, now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_SIGNATURE_INVALID',
    });
  });

  it('refuses a report signed for another path', () => {
    const v = new DeliveryReportVerifier(account);
    expect(v.verify({ path: '/elsewhere', headers: signed(), body }, now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_SIGNATURE_INVALID',
    });
  });

  it('refuses an unsigned report, and a stale one', () => {
    const v = new DeliveryReportVerifier(account);
    expect(v.verify({ path, headers: {}, body }, now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_UNSIGNED',
    });
    expect(v.verify({ path, headers: signed({ at: now - 301_000 }), body }, now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_STALE',
    });
  });

  it('refuses a signed body that is not a report', () => {
    const v = new DeliveryReportVerifier(account);
    const payload = '{"Status":"DELIVERED"}';
    expect(v.verify({ path, headers: signed({ payload }), body: payload }, now)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
