import { FIELD_ELEMENTS } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { semanticKey, wireCode } from './field-codes';

describe('wire field codes', () => {
  it('camel-cases the semantic key', () => {
    expect(wireCode('enterprise.businessScope')).toBe('enterpriseBusinessScope');
    expect(wireCode('enterprise.uscc')).toBe('enterpriseUscc');
  });

  it('round-trips every key of the shared vocabulary', () => {
    for (const key of Object.keys(FIELD_ELEMENTS)) expect(semanticKey(wireCode(key))).toBe(key);
  });
});
