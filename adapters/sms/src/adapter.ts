import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdapterError,
  type AdapterHooks,
  type ClientSettings,
  DepartmentClient,
  retryDelayMs,
} from '@onething/adapter-core';
import { z } from 'zod';
import { type Answer, detailSchema, readAnswer, sendAnswerSchema } from './answers';
import { requestHeaders } from './signature';

/** The name the gateway goes by in errors and metrics. */
export const SMS_SYSTEM = 'sms';

export interface SmsAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The signature (短信签名) registered at the gateway, that every text is sent under. */
  readonly signName: string;
}

/** One text to send: a registered template, its variables, the number, and the caller's idempotency key. */
export interface SmsSend {
  readonly templateCode: string;
  readonly variables: Readonly<Record<string, string>>;
  /** A mainland mobile number, 11 digits (a leading +86 is removed). */
  readonly mobile: string;
  /** The outbox's message id: the same key sends once, whatever happens to the answers. */
  readonly idempotencyKey: string;
}

/** What the gateway said of an accepted send. */
export interface SentMessage {
  /** The gateway's id of the send (BizId). */
  readonly messageId: string;
  readonly idempotencyKey: string;
  /** Parts the text was sent in. */
  readonly segments: number;
  /** The gateway had already accepted this key: nothing was sent again. */
  readonly repeated: boolean;
}

/** Where a send is, as the gateway knows it. */
export interface MessageState {
  readonly messageId: string;
  readonly idempotencyKey: string;
  readonly templateCode: string;
  /** The recipient, masked by the gateway (`139****5678`). */
  readonly mobileMasked: string;
  readonly status: 'SENDING' | 'DELIVERED' | 'FAILED';
  /** The carrier's status code once reported: `DELIVRD`, or why it failed. */
  readonly carrierCode?: string;
  readonly segments: number;
  readonly sentAt: string;
  readonly reportedAt?: string;
}

/** The SMS gateway's adapter. */
export interface SmsAdapter {
  readonly system: typeof SMS_SYSTEM;
  /**
   * Sends a text, once per idempotency key. A failure that leaves it unknown whether the gateway got it
   * (timeout, reset, 5xx, an unreadable answer) is retried here with the same key, so the gateway sends
   * at most one text. A number over its rate limit is DEPARTMENT_UNAVAILABLE with the gateway's `Limit.*`
   * code and `retryAfterSeconds`: send again with the same key after that. A refusal by the gateway's
   * rules (template, variables, signature, credentials) is DEPARTMENT_REJECTED; a bad number or key is
   * INVALID_INPUT before any call.
   */
  send(message: SmsSend): Promise<SentMessage>;
  /** The send made under an idempotency key, or null when none reached the gateway. */
  findMessage(idempotencyKey: string): Promise<MessageState | null>;
  /** A send by the gateway's id, or null. */
  getMessage(messageId: string): Promise<MessageState | null>;
  close(): void;
}

const MOBILE = /^1[3-9]\d{9}$/;
const detailEnvelope = z.object({ Detail: detailSchema });
const KEY = /^[\x21-\x7e]{1,64}$/;

const toState = (d: z.infer<typeof detailSchema>): MessageState => ({
  messageId: d.BizId,
  idempotencyKey: d.OutId,
  templateCode: d.TemplateCode,
  mobileMasked: d.PhoneNumber,
  status: d.Status,
  ...(d.ErrCode ? { carrierCode: d.ErrCode } : {}),
  segments: d.Segments,
  sentAt: d.SendTime,
  ...(d.ReportTime ? { reportedAt: d.ReportTime } : {}),
});

/**
 * Builds the SMS gateway's adapter on the core client: every call a JSON POST to `/sms/v1/<Action>`,
 * signed afresh for each attempt; reads retried by the core, sends retried here through their key.
 */
export function createSmsAdapter(options: SmsAdapterOptions): SmsAdapter {
  const client = new DepartmentClient(SMS_SYSTEM, options.client, options.hooks);
  const key = { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret };

  function call<T>(
    op: string,
    kind: 'read' | 'write',
    body: object,
    schema: z.ZodType<T>,
  ): Promise<Answer<T>> {
    const path = `/sms/v1/${op}`;
    const text = JSON.stringify(body);
    return client.call({
      op,
      kind,
      method: 'POST',
      path,
      request: () => ({ headers: requestHeaders(path, text, key), body: text }),
      interpret: (res) => readAnswer(client, op, res, schema),
    });
  }

  function invalid(op: string, problems: { path: string; zh: string; en: string }[]): AdapterError {
    return client.error('INVALID_INPUT', op, problems.map((p) => p.en).join('; '), {
      problems: problems.map((p) => ({ path: p.path, rule: 'sms.input', message: { zh: p.zh, en: p.en } })),
    });
  }

  async function sendOnce(message: SmsSend, mobile: string): Promise<SentMessage> {
    const answer = await call(
      'SendSms',
      'write',
      {
        SignName: options.signName,
        TemplateCode: message.templateCode,
        TemplateParam: message.variables,
        PhoneNumber: mobile,
        OutId: message.idempotencyKey,
      },
      sendAnswerSchema,
    );
    if (answer.kind === 'limited')
      throw client.error('DEPARTMENT_UNAVAILABLE', 'SendSms', `${answer.code} ${answer.message}`, {
        departmentCode: answer.code,
        departmentMessage: answer.message,
        retryAfterSeconds: answer.retryAfterSeconds,
      });
    if (answer.kind !== 'ok') throw new Error('SendSms answered Message.NotFound');
    return {
      messageId: answer.value.BizId,
      idempotencyKey: message.idempotencyKey,
      segments: answer.value.Segments,
      repeated: answer.value.Repeated,
    };
  }

  async function detail(by: { BizId: string } | { OutId: string }): Promise<MessageState | null> {
    const answer = await call('QuerySendDetails', 'read', by, detailEnvelope);
    if (answer.kind === 'not-found') return null;
    if (answer.kind !== 'ok') throw new Error('QuerySendDetails answered a rate limit');
    return toState(answer.value.Detail);
  }

  return {
    system: SMS_SYSTEM,
    async send(message) {
      const mobile = message.mobile.trim().replace(/^\+?86(?=1\d{10}$)/, '');
      const problems = [
        ...(MOBILE.test(mobile)
          ? []
          : [
              {
                path: 'mobile',
                zh: '应为11位中国大陆手机号码',
                en: 'a mainland mobile number has 11 digits, 13x–19x',
              },
            ]),
        ...(KEY.test(message.idempotencyKey)
          ? []
          : [
              {
                path: 'idempotencyKey',
                zh: '应为1至64位可见字符',
                en: 'the key is 1 to 64 visible ASCII characters',
              },
            ]),
        ...Object.entries(message.variables)
          .filter(([, v]) => typeof v !== 'string')
          .map(([k]) => ({ path: `variables.${k}`, zh: '取值应为字符串', en: `${k} must be a string` })),
      ];
      if (problems.length > 0) throw invalid('SendSms', problems);
      const { retry } = options.client;
      for (let attempt = 1; ; attempt++) {
        try {
          return await sendOnce(message, mobile);
        } catch (e) {
          // Safe to send again: the gateway answers a key it already has with that send, sending nothing.
          const again =
            e instanceof AdapterError &&
            e.retryable &&
            e.details.departmentCode?.startsWith('Limit.') !== true &&
            attempt <= retry.retries &&
            client.breakerState !== 'open';
          if (!again) throw e;
          const after = e.details.retryAfterSeconds;
          if (after !== undefined && after * 1000 > retry.maxRetryAfterMs) throw e;
          await sleep(retryDelayMs(attempt, retry, after === undefined ? undefined : after * 1000));
        }
      }
    },
    async findMessage(idempotencyKey) {
      if (!KEY.test(idempotencyKey))
        throw invalid('QuerySendDetails', [
          {
            path: 'idempotencyKey',
            zh: '应为1至64位可见字符',
            en: 'the key is 1 to 64 visible ASCII characters',
          },
        ]);
      return detail({ OutId: idempotencyKey });
    },
    async getMessage(messageId) {
      if (!/^\d{1,32}$/.test(messageId)) return null;
      return detail({ BizId: messageId });
    },
    close: () => client.close(),
  };
}
