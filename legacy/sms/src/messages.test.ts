import { describe, expect, it } from 'vitest';
import { MessageStore, sendFingerprint } from './messages';

const send = {
  phoneNumber: '13912345678',
  signName: '一件事',
  templateCode: 'ONETHING_APPROVED',
  templateParam: { ref: 'A-1', bundle: '企业开办' },
};

describe('the message store', () => {
  it('fingerprints a send by what it asks for, not the order of its variables', () => {
    expect(sendFingerprint(send)).toBe(
      sendFingerprint({ ...send, templateParam: { bundle: '企业开办', ref: 'A-1' } }),
    );
    expect(sendFingerprint(send)).not.toBe(
      sendFingerprint({ ...send, templateParam: { ref: 'A-2', bundle: '企业开办' } }),
    );
    expect(sendFingerprint(send)).not.toBe(sendFingerprint({ ...send, phoneNumber: '13912345679' }));
  });

  it('finds a send by its OutId per access key, and counts texts per template and number', () => {
    const store = new MessageStore();
    const at = Date.UTC(2026, 11, 1, 20); // 04:00 on 2 December in Beijing
    const base = { ...send, text: 't', segments: 1, fingerprint: sendFingerprint(send), sentAt: at };
    const m = store.add({ ...base, accessKeyId: 'hall', outId: 'k1' });
    store.add({ ...base, accessKeyId: 'hall', outId: 'k2' });
    store.add({ ...base, accessKeyId: 'hall', outId: 'k3', templateCode: 'ONETHING_REFUSED' });
    expect(m.bizId).toBe('202612020000000001');
    expect(m.status).toBe('SENDING');
    expect(store.byKey('hall', 'k1')).toBe(m);
    expect(store.byKey('other', 'k1')).toBeUndefined();
    expect(store.sentCounts({ phone: '13912345678' })).toEqual([
      { templateCode: 'ONETHING_APPROVED', phoneNumber: '13912345678', sent: 2 },
      { templateCode: 'ONETHING_REFUSED', phoneNumber: '13912345678', sent: 1 },
    ]);
  });
});
