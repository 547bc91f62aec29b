import type { Logger } from '@onething/runtime';
import { verifyCallback } from '@onething/runtime/callbacks';
import { sendError } from '@onething/runtime/http';
import { DEPARTMENT_KEYS, isDepartmentKey } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { FINAL } from '../applications/model';
import type { Applications } from '../applications/store';
import type { JobQueue } from '../outbox/jobs';
import type { CallbackNonces } from './callback-nonces';

/** Where departments' systems notify a change of a case's status. */
export const CALLBACK_PATH = '/callbacks/case-status';

const MAX_CASE_NUMBER = 64;
/** A case number is printed: no spaces and no control characters (a NUL reached PostgreSQL and failed). */
const printable = (text: string) =>
  /^\S+$/.test(text) && [...text].every((c) => c.charCodeAt(0) >= 0x20 && !(c >= '\u007f' && c <= '\u009f'));

/** The callbacks' settings (CALLBACK_SECRETS, CALLBACK_MAX_AGE_MS, CALLBACK_COALESCE_MS). */
export interface CallbackSettings {
  readonly secrets: ReadonlyMap<string, string>;
  readonly maxAgeMs: number;
  readonly coalesceMs: number;
}

/** What a signed callback's body says, or the problems with it. */
function callbackBody(raw: string, signedBy: string): { caseNumber: string } | { problems: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { problems: ['the body is not JSON'] };
  }
  const { department, caseNumber } = (typeof body === 'object' && body !== null ? body : {}) as {
    department?: unknown;
    caseNumber?: unknown;
  };
  const problems: string[] = [];
  if (typeof department !== 'string' || !isDepartmentKey(department))
    problems.push(`department must be one of ${DEPARTMENT_KEYS.join(', ')}`);
  else if (department !== signedBy)
    problems.push(`department must be the one that signed the callback (${signedBy}), not ${department}`);
  if (
    typeof caseNumber !== 'string' ||
    caseNumber.length === 0 ||
    caseNumber.length > MAX_CASE_NUMBER ||
    !printable(caseNumber)
  )
    problems.push(
      `caseNumber must be the department's case number (1 to ${MAX_CASE_NUMBER} printable characters, no spaces)`,
    );
  return problems.length > 0 ? { problems } : { caseNumber: caseNumber as string };
}

/**
 * The callback departments' systems call when a case changes (`{ department, caseNumber }` signed with the
 * department's callback secret, see docs/departments.md). Only the departments may call it: unsigned,
 * forged, stale and replayed callbacks are refused (401). An accepted callback answers 202 with nothing —
 * whether the hall keeps such a case or not, so it tells no one which cases exist — and moves the next
 * read of the part's case to within the coalescing window: a storm of callbacks costs the department one
 * read per case per window. The hall reads the case back through the supergraph before anything changes,
 * and polls a case whose callback never comes.
 */
export function callbackRoute(deps: {
  readonly apps: Applications;
  readonly jobs: JobQueue;
  readonly nonces: CallbackNonces;
  readonly wake: () => void;
  readonly log: Logger;
  readonly settings: CallbackSettings;
}): (app: FastifyInstance) => void {
  const { apps, jobs, nonces, settings, log } = deps;
  let sweptAt = 0;
  /** Forgets nonces older than the maximum age, now and then. */
  const sweep = async (now: number) => {
    if (now - sweptAt < settings.maxAgeMs / 2) return;
    sweptAt = now;
    await nonces.forgetBefore(new Date(now - settings.maxAgeMs));
  };
  return (app) => {
    // The signature covers the body's bytes: this route takes them as sent, and parses them once verified.
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(CALLBACK_PATH, { bodyLimit: 4_096 }, async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const now = Date.now();
        const verdict = verifyCallback(req.headers, raw, settings.secrets, settings.maxAgeMs, now);
        if (!verdict.ok) {
          log.warn(
            { code: verdict.code, department: req.headers['x-onething-department'] },
            'callback refused',
          );
          return sendError(reply, verdict.code, verdict.message);
        }
        await sweep(now);
        if (!(await nonces.firstSight(verdict.department, verdict.nonce, new Date(now))))
          return sendError(
            reply,
            'CALLBACK_REPLAYED',
            'this callback was received before (its nonce is spent): send each notification with a fresh nonce',
          );
        const body = callbackBody(raw, verdict.department);
        if ('problems' in body)
          return sendError(
            reply,
            'INVALID_INPUT',
            `send JSON { department, caseNumber }: ${body.problems.join('; ')}`,
          );
        const part = await apps.partByCase(verdict.department, body.caseNumber);
        if (part && !FINAL.has(part.status)) {
          await jobs.nudge(part.id, settings.coalesceMs, new Date(now));
          deps.wake();
        }
        log.debug(
          { department: verdict.department, caseNumber: body.caseNumber, part: part?.id },
          'case status callback',
        );
        return reply.code(202).send();
      });
    });
  };
}
