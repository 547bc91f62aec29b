import { describe, expect, it } from 'vitest';
import { canonicalString, signedForm, signParams } from './signature';

describe('signing requests to the fund', () => {
  it('signs the worked example of the fund’s PROTOCOL.md', () => {
    const params = {
      appid: 'onething-hall',
      timestamp: '1767225600',
      nonce: '8f3a2c9d41b7e6a0',
      zjhm: '330503198911307628,110101199003074530',
    };
    expect(canonicalString(params)).toBe(
      'appid=onething-hall&nonce=8f3a2c9d41b7e6a0&timestamp=1767225600&zjhm=330503198911307628,110101199003074530',
    );
    expect(signParams(params, 'fund-dev-secret')).toBe(
      '65cda054754cabf0a35c5ee116003c9b7fc5277351a9fd486ecf421bd4062de3',
    );
  });

  it('builds each attempt with its own nonce and a signature over the decoded values', () => {
    const app = { appId: 'onething-hall', appSecret: 'fund-dev-secret' };
    const first = new URLSearchParams(signedForm({ sqrxm: '叶 建+鹏' }, app, 1_767_225_600_000));
    const second = new URLSearchParams(signedForm({ sqrxm: '叶 建+鹏' }, app, 1_767_225_600_000));
    expect(first.get('timestamp')).toBe('1767225600');
    expect(first.get('nonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(first.get('nonce')).not.toBe(second.get('nonce'));
    const params = Object.fromEntries(first);
    expect(params.sqrxm).toBe('叶 建+鹏');
    expect(params.sign).toBe(signParams(params, 'fund-dev-secret'));
  });
});
