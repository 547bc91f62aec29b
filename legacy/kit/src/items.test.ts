import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItems } from './items';

const departments = ['tax', 'market', 'realestate', 'fund'];

describe('item lists', () => {
  it.each(departments)('the %s item list loads against the vocabulary', (dept) => {
    const items = loadItems(dept, new URL(`../../${dept}/data/items.json`, import.meta.url));
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.fields.every((f) => f.label.zh && f.label.en && f.type)).toBe(true);
      expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
    }
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
