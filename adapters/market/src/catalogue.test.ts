import { describe, expect, it } from 'vitest';
import { Catalogue } from './catalogue';
import type { WireItem } from './records';

describe('catalogue cache', () => {
  const item = { itemCode: 'MKT-X' } as WireItem;

  it('fetches once for concurrent askers and again after its time to live', async () => {
    let now = 0;
    let fetches = 0;
    const catalogue = new Catalogue(
      async () => {
        fetches++;
        return [item];
      },
      1000,
      () => now,
    );
    await Promise.all([catalogue.get(), catalogue.get(), catalogue.get()]);
    expect(fetches).toBe(1);
    now = 999;
    await catalogue.get();
    expect(fetches).toBe(1);
    now = 1000;
    await catalogue.get();
    expect(fetches).toBe(2);
  });

  it('keeps serving the last catalogue when a refresh fails, and fails when it never had one', async () => {
    let now = 0;
    let fail = false;
    const catalogue = new Catalogue(
      async () => {
        if (fail) throw new Error('down');
        return [item];
      },
      10,
      () => now,
    );
    fail = true;
    await expect(catalogue.get()).rejects.toThrow('down');
    fail = false;
    expect(await catalogue.get()).toEqual([item]);
    fail = true;
    now = 100;
    expect(await catalogue.get()).toEqual([item]);
  });
});
