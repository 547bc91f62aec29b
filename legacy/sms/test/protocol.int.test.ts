import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsStandIn, SmsAdmin, signedHeaders, smsSettings } from '../src/index';

const SECRET = 'sms-dev-secret-0001';
let seq = 0;
const nonce = () => `n${process.pid}x${Date.now()}x${++seq}`.padEnd(16, '0');

describe('the SMS gateway on the wire', () => {
  const standIn = createSmsStandIn(
    { ...smsSettings.load({}), persons: 10, clockSpeed: 0, port: 0, adminPort: 0, host: '127.0.0.1' },
    createLogger('legacy-sms', 'silent'),
  );
  const admin = () => new SmsAdmin(standIn.adminUrl);
  beforeAll(() => standIn.listen());
  afterAll(() => standIn.close());

  /** POSTs `body` to an action, signed as told (or with the defaults). */
  async function post(
    action: string,
    body: string,
    sign: { keyId?: string; secret?: string; at?: number; nonce?: string; unsigned?: boolean } = {},
  ) {
    const path = `/sms/v1/${action}`;
    const headers = sign.unsigned
      ? {}
      : signedHeaders(
          {
            method: 'POST',
            path,
            timestamp: String(Math.floor((sign.at ?? Date.now()) / 1000)),
            nonce: sign.nonce ?? nonce(),
            body,
          },
          sign.keyId ?? 'onething-hall',
          sign.secret ?? SECRET,
        );
    const res = await fetch(`${standIn.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> };
  }

  const sendBody = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      SignName: '一件事',
      TemplateCode: 'ONETHING_APPROVED',
      TemplateParam: { bundle: '企业开办', ref: 'YJS-1' },
      PhoneNumber: `1371${String(++seq).padStart(7, '0')}`,
      OutId: `wire-${process.pid}-${seq}`,
      ...over,
    });

  it('refuses requests by their signature, in order: missing, unknown key, mismatch, expired, nonce reused', async () => {
    const body = sendBody();
    expect((await post('SendSms', body, { unsigned: true })).json.Code).toBe('Auth.Missing');
    expect((await post('SendSms', body, { keyId: 'stranger' })).json.Code).toBe('Auth.AccessKeyNotFound');
    expect((await post('SendSms', body, { secret: 'a-wrong-secret-000' })).json.Code).toBe(
      'Auth.SignatureMismatch',
    );
    expect((await post('SendSms', body, { at: Date.now() - 301_000 })).json.Code).toBe('Auth.RequestExpired');
    const n = nonce();
    expect((await post('SendSms', body, { nonce: n })).json.Code).toBe('OK');
    expect((await post('SendSms', body, { nonce: n })).json.Code).toBe('Auth.NonceReused');
    expect(await admin().sent({ template: 'ONETHING_APPROVED' })).toBe(1);
  });

  it('speaks JSON only', async () => {
    const res = await fetch(`${standIn.url}/sms/v1/SendSms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(415);
  });

  it('lists every missing parameter at once, and refuses unregistered signatures and templates', async () => {
    const missing = await post('SendSms', JSON.stringify({ TemplateParam: [] }));
    expect(missing.json.Code).toBe('Param.Invalid');
    expect((missing.json.Problems as { Param: string }[]).map((p) => p.Param)).toEqual([
      'SignName',
      'TemplateCode',
      'PhoneNumber',
      'OutId',
      'TemplateParam',
    ]);
    expect((await post('SendSms', sendBody({ PhoneNumber: '12345678901' }))).json.Code).toBe(
      'Mobile.Invalid',
    );
    expect((await post('SendSms', sendBody({ SignName: '某公司' }))).json.Code).toBe('Sign.NotRegistered');
    expect((await post('SendSms', sendBody({ TemplateCode: 'NO_SUCH' }))).json.Code).toBe(
      'Template.NotRegistered',
    );
  });

  it('sends from a template registered at run time, and refuses one whose variables disagree', async () => {
    await expect(
      admin().registerTemplate({
        code: 'X_BAD',
        sign: '一件事',
        purpose: 't',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template variable, as the gateway writes them
        content: '${a}',
        variables: {},
      }),
    ).rejects.toThrow(/not declared/);
    await admin().registerTemplate({
      code: 'X_REMINDER',
      sign: '一件事',
      purpose: '提醒',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template variable, as the gateway writes them
      content: '请于${day}前到窗口领取。',
      variables: { day: { maxLength: 10 } },
    });
    const sent = await post(
      'SendSms',
      sendBody({ TemplateCode: 'X_REMINDER', TemplateParam: { day: '12月8日' } }),
    );
    expect(sent.json).toMatchObject({ Code: 'OK', Segments: 1, Repeated: false });
    const [m] = await admin().messages({ template: 'X_REMINDER' });
    expect(m?.Text).toBe('【一件事】请于12月8日前到窗口领取。');
  });

  it('answers QuerySendDetails only for the caller’s own sends', async () => {
    const body = sendBody();
    const { json } = await post('SendSms', body);
    const detail = await post('QuerySendDetails', JSON.stringify({ BizId: json.BizId }));
    expect(detail.json.Detail).toMatchObject({ BizId: json.BizId, Status: 'SENDING' });
    expect((detail.json.Detail as { PhoneNumber: string }).PhoneNumber).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect((await post('QuerySendDetails', JSON.stringify({ OutId: 'never-sent' }))).json.Code).toBe(
      'Message.NotFound',
    );
  });
});
