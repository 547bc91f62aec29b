import type {
  AdapterError,
  AdapterErrorDetails,
  DepartmentClient,
  WireResponse,
} from '@onething/adapter-core';
import type { z } from 'zod';
import { semanticKeyOf } from './codec';
import { wireErrorSchema } from './records';

/** Parses an answer's JSON body against its schema; throws (→ MALFORMED_RESPONSE) when it does not fit. */
export function parseBody<S extends z.ZodType>(res: WireResponse, schema: S): z.output<S> {
  return schema.parse(JSON.parse(res.body.toString('utf8')));
}

/** The department's own refusal, when the answer is one: `{"error":{code,message}}`. */
export function refusalBody(res: WireResponse) {
  return parseBody(res, wireErrorSchema).error;
}

const RULES_EN: Record<string, string> = {
  required: 'is required',
  unknown: 'is not accepted here',
  mismatch: 'disagrees with the applicant',
  nameTaken: 'the name is taken',
};

/** A detail's field on the wire (`form.enterpriseName`) as the caller named it (`fields.enterprise.name`). */
function callerPath(field: string): string {
  return field.startsWith('form.') ? `fields.${semanticKeyOf(field.slice(5))}` : field;
}

/**
 * Maps an answer that is no success: a server error is DEPARTMENT_UNAVAILABLE (retried for reads);
 * any other refusal — business rules, validation, authentication — is DEPARTMENT_REJECTED with the
 * system's code and message, and its field problems by semantic key. A refusal whose body is not the
 * system's error envelope throws, and so is MALFORMED_RESPONSE.
 */
export function failure(client: DepartmentClient, op: string, res: WireResponse): AdapterError {
  if (res.status >= 500) {
    let body: { code: string; message: string } | undefined;
    try {
      body = refusalBody(res);
    } catch {
      // A proxy's HTML page or an empty body: the status says enough.
    }
    return client.error('DEPARTMENT_UNAVAILABLE', op, body?.message ?? `HTTP ${res.status}`, {
      httpStatus: res.status,
      ...(body ? { departmentCode: body.code } : {}),
    });
  }
  const { code, message, details } = refusalBody(res);
  const problems: AdapterErrorDetails['problems'] = details?.map((d) => {
    const path = callerPath(d.field);
    const rule = d.rule ?? code;
    return {
      path,
      rule,
      message: { zh: d.reason, en: `${path}: ${RULES_EN[rule] ?? `breaks the rule ${rule}`}` },
    };
  });
  return client.error('DEPARTMENT_REJECTED', op, `${code}: ${message}`, {
    departmentCode: code,
    departmentMessage: message,
    httpStatus: res.status,
    ...(problems ? { problems } : {}),
  });
}
