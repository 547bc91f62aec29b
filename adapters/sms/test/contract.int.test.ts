import { clientSettings } from '@onething/adapter-core';
import { describeIdempotentSendContract } from '@onething/adapter-core/contract';
import { expect } from 'vitest';
import { createSmsAdapter, type SmsAdapter, type SmsSend } from '../src/index';
import { ACCOUNT, newMobile, startSmsGateway } from './system';

// One number per key: a retry goes to the same number, other sends are not held back by its rate limit.
const mobiles = new Map<string, string>();
const mobileFor = (key: string) => mobiles.get(key) ?? mobiles.set(key, newMobile()).get(key)!;

describeIdempotentSendContract<SmsAdapter, SmsSend>({
  system: 'sms',
  async start() {
    const { standIn, admin } = await startSmsGateway();
    return {
      url: standIn.url,
      control: { ...bind(admin), held: (q) => admin.held(q) },
      stop: () => standIn.close(),
    };
  },
  adapter: (url, settings, hooks) =>
    createSmsAdapter({ client: clientSettings(url, settings), hooks, ...ACCOUNT, signName: '一件事' }),
  send: {
    op: 'SendSms',
    sample: (idempotencyKey) => ({
      templateCode: 'ONETHING_ACCEPTED',
      variables: { bundle: '企业开办', ref: 'YJS-20261201-0001' },
      mobile: mobileFor(idempotencyKey),
      idempotencyKey,
    }),
    // A link in a variable of a template that forbids links (Template.ParamForbidden).
    refused: (idempotencyKey) => ({
      templateCode: 'ONETHING_ACCEPTED',
      variables: { bundle: '点击 http://t.cn/x', ref: 'YJS-20261201-0001' },
      mobile: mobileFor(idempotencyKey),
      idempotencyKey,
    }),
    invalid: (idempotencyKey) => ({
      templateCode: 'ONETHING_ACCEPTED',
      variables: { bundle: '企业开办', ref: 'YJS-1' },
      mobile: '1231234567',
      idempotencyKey,
    }),
    perform: async (adapter, send) => {
      const sent = await adapter.send(send);
      expect(sent.idempotencyKey).toBe(send.idempotencyKey);
      return sent;
    },
  },
  lookup: { op: 'QuerySendDetails', find: (adapter, key) => adapter.findMessage(key) },
});

/** The kit's admin methods as the contract's control calls them (unbound methods lose `this`). */
function bind(admin: Awaited<ReturnType<typeof startSmsGateway>>['admin']) {
  return {
    counts: () => admin.counts(),
    resetCounts: () => admin.resetCounts(),
    setFaults: (f: Parameters<typeof admin.setFaults>[0]) => admin.setFaults(f),
    clearFaults: () => admin.clearFaults(),
    down: () => admin.down(),
    up: () => admin.up(),
  };
}
