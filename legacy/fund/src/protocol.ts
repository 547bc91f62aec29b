import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/** How the fund system fails: HTTP 500 with its E9999 envelope, and broken bodies of its content type. */
export const fundProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({ status: 500, body: '{"fhm":"E9999","fhxx":"系统异常"}' }),
  garbage: () => '{"fhm":"000000","fhxx":"成功","data":{"list":[{"grzh":"\u0000\u0007<html>数据库连接',
  // A success envelope around data no service answers: only a client that checks the shape notices.
  wrongShape: () => '{"fhm":"000000","fhxx":"成功","data":{"jls":"1","rows":[{"id":1}]}}',
  hugeChunk: () => '{"grzh":"000000000000","xm":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},',
};
