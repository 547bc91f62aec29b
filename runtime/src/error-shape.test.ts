import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorShape, sendError } from './error-shape';
import { createLogger } from './logger';

/** A service answering in the one shape, as the gateway and the subgraphs are built. */
async function service(options: Partial<Parameters<typeof errorShape>[1]> = {}) {
  const app = Fastify({ bodyLimit: 64 });
  await app.register(errorShape, {
    log: createLogger('error-shape-test', 'silent'),
    failure: 'the test service failed to handle the request',
    extensions: { department: 'tax' },
    notFound: true,
    ...options,
  });
  app.post('/echo', async (req) => req.body);
  app.get('/teapot', (_req, reply) =>
    sendError(reply, 'RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 }),
  );
  app.get('/fail', async () => {
    throw new Error('connection terminated: password for user hall is wrong');
  });
  return app;
}

const json = { 'content-type': 'application/json' };

/** A JSON body over the service's 64-byte limit. */
const postTooLarge = (app: Awaited<ReturnType<typeof service>>) =>
  app.inject({
    method: 'POST',
    url: '/echo',
    headers: json,
    payload: JSON.stringify({ a: 'x'.repeat(100) }),
  });

describe('the one error shape', () => {
  it('says where a JSON body is broken, as BAD_REQUEST with the service’s extensions', async () => {
    const app = await service();
    const res = await app.inject({ method: 'POST', url: '/echo', headers: json, payload: '{"a":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^the request body is not valid JSON \(/),
          extensions: { code: 'BAD_REQUEST', department: 'tax' },
        },
      ],
    });
  });

  it('answers a body over the limit 413 and a content-type not taken 415, each with its code', async () => {
    const app = await service();
    const big = await postTooLarge(app);
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', department: 'tax' });
    const typed = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'image/png' },
      payload: 'x',
    });
    expect(typed.statusCode).toBe(415);
    expect(typed.json().errors[0]).toEqual({
      message: '/echo does not take this content-type',
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', department: 'tax' },
    });
  });

  it('words the content-type refusals as the service asks', async () => {
    const app = await service({
      tooLarge: () => ({
        code: 'MATERIAL_TOO_LARGE',
        message: 'send a smaller scan',
        extensions: { maxBytes: 64 },
      }),
    });
    const big = await postTooLarge(app);
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0]).toEqual({
      message: 'send a smaller scan',
      extensions: { code: 'MATERIAL_TOO_LARGE', department: 'tax', maxBytes: 64 },
    });
  });

  it('answers no route 404 NOT_FOUND, and a failing route 500 without the failure’s own words', async () => {
    const app = await service();
    const none = await app.inject({ method: 'GET', url: '/nothing?x=1' });
    expect(none.statusCode).toBe(404);
    expect(none.json().errors[0]).toEqual({
      message: 'there is nothing at GET /nothing',
      extensions: { code: 'NOT_FOUND', department: 'tax' },
    });
    const failed = await app.inject({ method: 'GET', url: '/fail' });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('password');
    expect(failed.json().errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('answers a failure of what the service stands on 503 STORE_UNAVAILABLE, in the service’s words', async () => {
    const app = await service({
      unavailable: (e) => (/connection/.test(e.message) ? 'the database is restarting' : undefined),
    });
    const res = await app.inject({ method: 'GET', url: '/fail' });
    expect(res.statusCode).toBe(503);
    expect(res.json().errors[0]).toEqual({
      message: 'the database is restarting',
      extensions: { code: 'STORE_UNAVAILABLE', department: 'tax' },
    });
  });

  it('sends a refusal with the registry’s status for its code', async () => {
    const app = await service();
    const res = await app.inject({ method: 'GET', url: '/teapot' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }],
    });
  });
});
