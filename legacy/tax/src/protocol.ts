import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/** How the tax system fails: HTTP 500 with its own busy envelope, and broken bodies of its content type. */
export const taxProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({ status: 500, body: '{"code":"9999","msg":"系统繁忙","data":null}' }),
  // A success envelope around data no operation answers: only a client that checks the shape notices.
  wrongShape: () => '{"code":"0000","msg":"成功","data":{"rows":[{"id":1}],"total":"1"}}',
};
