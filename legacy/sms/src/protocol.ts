import { jsonProtocolBase, type Protocol } from '@onething/legacy-kit';

/** How the gateway fails: HTTP 500 with its System.Error envelope, and broken bodies of its content type. */
export const smsProtocol: Protocol = {
  ...jsonProtocolBase,
  serverError: () => ({
    status: 500,
    body: '{"RequestId":"00000000","Code":"System.Error","Message":"系统繁忙"}',
  }),
  garbage: () => '{"RequestId":"1","Code":"OK","BizId":"\u0000\u0007<html>502 Bad Gateway',
  // A success envelope with nothing an action answers: only a client that checks the shape notices.
  wrongShape: () => '{"RequestId":"1","Code":"OK","Message":"OK","Data":[{"id":1}]}',
  hugeChunk: () => '{"BizId":"000000000000000000","Message":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},',
};
