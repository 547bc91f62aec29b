import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/**
 * How the market system answers when it fails: a 500 in its own error envelope. Injected faults use the
 * same shapes, so an adapter sees exactly what the real system's outages look like.
 */
export const marketProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({
    status: 500,
    body: JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: '系统内部错误，请稍后重试' } }),
  }),
  // Parses as JSON but is no answer of any operation (no enterprise, no page, no application).
  wrongShape: () => JSON.stringify({ result: 'OK', data: [{ id: 1 }] }),
};
