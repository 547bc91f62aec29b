import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/** How the platform fails: HTTP 500 with its 9999 envelope (unsigned, as its gateway answers it). */
export const paymentProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({ status: 500, body: '{"code":"9999","message":"系统异常"}' }),
  garbage: () => '{"code":"0000","message":"成功","data":{"order_no":"\u0000\u0007<html>gateway',
  wrongShape: () => '{"code":"0000","message":"成功","data":{"rows":[{"id":1}]}}',
  hugeChunk: () => '{"order_no":"UPP000000000000000000","subject":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},',
};
