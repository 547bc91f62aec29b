import type { Logger } from '@onething/runtime';
import { DEPARTMENT_NAMING } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { FINAL } from '../applications/model';
import type { Applications } from '../applications/store';
import type { JobQueue } from './jobs';

/** Where departments' systems notify a change of a case's status. */
export const CALLBACK_PATH = '/callbacks/case-status';

const MAX_CASE_NUMBER = 64;
/** A case number is printed: no spaces and no control characters (a NUL reached PostgreSQL and failed). */
const printable = (text: string) =>
  /^\S+$/.test(text) && [...text].every((c) => c.charCodeAt(0) >= 0x20 && !(c >= '\u007f' && c <= '\u009f'));
const DEPARTMENTS = Object.keys(DEPARTMENT_NAMING);

/**
 * The callback departments' systems call when a case changes (`{ department, caseNumber }`, anything else
 * ignored). It is a nudge, not a message to trust: the hall reads the case back through the supergraph
 * before anything changes, so the callback needs no credentials and a forged one costs one read. It
 * moves the part's next read to now; polling covers a callback that never comes.
 */
export function callbackRoute(deps: {
  readonly apps: Applications;
  readonly jobs: JobQueue;
  readonly wake: () => void;
  readonly log: Logger;
}): (app: FastifyInstance) => void {
  const refuse = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });
  return (app) => {
    app.post(CALLBACK_PATH, { bodyLimit: 4_096 }, async (req, reply) => {
      const body = (req.body ?? {}) as { department?: unknown; caseNumber?: unknown };
      const problems: string[] = [];
      if (typeof body.department !== 'string' || !DEPARTMENTS.includes(body.department))
        problems.push(`department must be one of ${DEPARTMENTS.join(', ')}`);
      if (
        typeof body.caseNumber !== 'string' ||
        body.caseNumber.length === 0 ||
        body.caseNumber.length > MAX_CASE_NUMBER ||
        !printable(body.caseNumber)
      )
        problems.push(
          `caseNumber must be the department's case number (1 to ${MAX_CASE_NUMBER} printable characters, no spaces)`,
        );
      if (problems.length > 0)
        return reply
          .code(400)
          .send(refuse('INVALID_INPUT', `send JSON { department, caseNumber }: ${problems.join('; ')}`));
      const department = body.department as string;
      const caseNumber = body.caseNumber as string;
      const part = await deps.apps.partByCase(department, caseNumber);
      if (!part)
        return reply
          .code(404)
          .send(refuse('CASE_UNKNOWN', `no application part has ${department} case ${caseNumber}`));
      if (!FINAL.has(part.status)) {
        await deps.jobs.enqueue(deps.apps.db, part.id, 'poll', new Date());
        deps.wake();
      }
      deps.log.debug({ department, caseNumber, part: part.id }, 'case status callback');
      return reply.code(202).send({ part: part.id });
    });
  };
}
