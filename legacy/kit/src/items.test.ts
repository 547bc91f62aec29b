import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { describe, expect, it } from 'vitest';
import { loadItems } from './items';
import { FIELD_ELEMENTS } from './vocabulary';

describe('item lists', () => {
  it.each(DEPARTMENT_KEYS)('the %s item list loads against the vocabulary', (dept) => {
    const items = loadItems(dept, new URL(`../../${dept}/data/items.json`, import.meta.url));
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.fields.every((f) => f.label.zh && f.label.en && f.type)).toBe(true);
      expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
    }
  });

  it('gives every field with a pattern a hint saying, in both languages, what is expected', () => {
    // The hint is what an applicant reads when the value does not match: "应为 11 位手机号码，以 1 开头".
    const patterned = Object.entries(FIELD_ELEMENTS).filter(([, f]) => 'pattern' in f && f.pattern);
    expect(patterned.length).toBeGreaterThan(0);
    const missing = patterned.filter(([, f]) => !('hint' in f) || !f.hint?.zh || !f.hint?.en).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('refuses an unknown field key, naming the file, the item and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'items-'));
    const file = join(dir, 'items.json');
    const good = loadItems('tax', new URL('../../tax/data/items.json', import.meta.url))[0]!;
    const raw = {
      code: good.code,
      name: good.name,
      type: good.type,
      legalBasis: good.legalBasis,
      legalLimitDays: 1,
      promisedLimitDays: 2,
      acceptanceConditions: good.acceptanceConditions,
      visits: 1,
      fields: [{ key: 'applicant.shoeSize', required: true }],
      materials: [],
      result: { name: good.result.name, kind: 'receipt' },
    };
    writeFileSync(file, JSON.stringify([raw]));
    expect(() => loadItems('tax', file)).toThrow(
      /items\.json[\s\S]*applicant\.shoeSize[\s\S]*vocabulary\.ts[\s\S]*promised time limit/,
    );
  });
});
