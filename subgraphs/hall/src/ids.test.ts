import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hallId, isHallId } from './ids';

describe('ids of the hall', () => {
  it('takes a UUID as it is', () => {
    const id = randomUUID();
    expect(isHallId(id)).toBe(true);
    expect(hallId('id', id, 'an application')).toBe(id);
  });

  it('refuses anything else with INVALID_INPUT at the argument, quoting a long value shortened', () => {
    for (const bad of ['', 'x', "x' OR '1'='1", '../../etc/passwd', `${randomUUID()}x`, 'a'.repeat(5000)]) {
      expect(isHallId(bad)).toBe(false);
      try {
        hallId('partId', bad, 'a part of an application');
        expect.unreachable();
      } catch (e) {
        const error = e as { message: string; extensions: Record<string, any> };
        expect(error.extensions.code).toBe('INVALID_INPUT');
        expect(error.extensions.problems[0]).toMatchObject({ path: 'partId', rule: 'id.format' });
        expect(error.message.length).toBeLessThan(250);
      }
    }
  });
});
