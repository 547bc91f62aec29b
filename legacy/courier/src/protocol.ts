import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/** How the platform fails: HTTP 500 with its S99 envelope, and broken bodies of its content type. */
export const courierProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({ status: 500, body: '{"success":false,"code":"S99","msg":"系统异常"}' }),
  garbage: () => '{"success":true,"code":"S00","data":{"waybillNo":"\u0000\u0007<html>网关超时',
  // A success envelope around data no service answers: only a client that checks the shape notices.
  wrongShape: () => '{"success":true,"code":"S00","msg":"成功","data":{"rows":[{"id":1}],"total":"1"}}',
  hugeChunk: () =>
    '{"seq":1,"opCode":"20","opName":"运输中","description":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},',
};
