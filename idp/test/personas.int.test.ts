import { generatePopulation } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPersonasFit } from './persona-rules';
import { startIdp } from './support';

describe('GET /personas', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(() => t.idp.close());

  it('lists the twelve personas with their public information and no tokens', async () => {
    const { status, body } = await t.call('GET', '/personas');
    expect(status).toBe(200);
    expect(body.map((p: { id: string }) => p.id)).toEqual([
      'citizen',
      'seller',
      'legal-rep',
      'agent',
      'window-staff',
      'window-staff-2',
      'window-staff-other',
      'staff-tax',
      'staff-market',
      'staff-realestate',
      'staff-fund',
      'supervisor',
    ]);
    for (const p of body) {
      expect(Object.keys(p).some((k) => /token/i.test(k))).toBe(false);
      expect(p.title.zh && p.title.en && p.description.zh && p.description.en).toBeTruthy();
    }
  });

  it('serves personas that fit their definitions in the seeded population', async () => {
    const { body } = await t.call('GET', '/personas');
    expectPersonasFit(body, generatePopulation({ seed: 20261122, persons: 2000 }));
  });

  it('gives the same personas for the same seed and size, and other people for another seed', async () => {
    const again = await startIdp();
    const other = await startIdp({ seed: 7 });
    try {
      expect((await again.call('GET', '/personas')).body).toEqual((await t.call('GET', '/personas')).body);
      const otherPersonas = (await other.call('GET', '/personas')).body as { idNumber?: string }[];
      expect(otherPersonas[0]!.idNumber).not.toBe(t.idp.personas[0]!.idNumber);
      expectPersonasFit(otherPersonas as never, generatePopulation({ seed: 7, persons: 2000 }));
    } finally {
      await again.idp.close();
      await other.idp.close();
    }
  });
});
