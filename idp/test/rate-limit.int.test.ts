import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp } from './support';

describe('token requests are limited per client address', () => {
  let idp: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    idp = await startIdp({ limitsLifted: false, tokenRequestsPerMinute: 3 });
  });
  afterAll(async () => {
    await idp?.idp.close();
  });

  it('answers past the limit with 429 slow_down and Retry-After, whatever the grant or the secret', async () => {
    const statuses = [
      (await idp.form({ grant_type: 'persona', persona: 'citizen' })).status,
      (await idp.form({ grant_type: 'client_credentials', client_id: 'hall', client_secret: 'guess-1' }))
        .status,
      (await idp.call('GET', '/token?persona=citizen')).status,
    ];
    expect(statuses).toEqual([200, 401, 200]);
    const refused = await idp.form({
      grant_type: 'client_credentials',
      client_id: 'hall',
      client_secret: 'hall-test-secret',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('slow_down');
    expect(refused.body.error_description).toMatch(/more than 3 token requests a minute.*ask again in \d+ s/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The provider's other endpoints are not counted.
    expect((await idp.call('GET', '/.well-known/jwks.json')).status).toBe(200);
  });
});
