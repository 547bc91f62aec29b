import type { Logger } from '@onething/runtime';
import { errorShape, sendError } from '@onething/runtime/http';
import type { Identity } from '@onething/runtime/identity';
import { isErrorCode } from '@onething/schema/errors';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Applicant, ApplicationService } from '../applications/service';
import type { Clock } from '../calendar/clock';
import { type Documents, seesDocument } from '../documents/store';
import type { FormChecks } from '../forms/form-checks';
import type { FormLimits } from '../forms/form-limits';
import { isHallId } from '../ids';
import type { BlobStore } from '../materials/blob-store';
import { storeUnavailable } from '../platform/unavailable';
import { noticeData } from './notice-data';
import { noticePdf } from './notice-pdf';
import { type Papers, STATUS_PATH } from './papers';
import { STATUS_PAGE_HEADERS, statusPage, unknownStatusPage } from './status-page';
import { isStatusToken } from './status-tokens';

/** Whom an operation is for when the caller is not the applicant (the SDL's OnBehalfOf). */
export interface OnBehalfOf {
  readonly visitId?: string | null | undefined;
  readonly delegationId?: string | null | undefined;
}

/**
 * The applicant a one-time notice is for: the caller, or (onBehalfOf) a window visit's walk-in or a
 * delegation's principal: `resolveActing(identity, onBehalfOf, bundleCode, now, …).applicant` (the bundle is
 * given for a delegation's scope); throws a subgraphError (FORBIDDEN,
 * NOT_FOUND, VISIT_EXPIRED, DELEGATION_OUT_OF_SCOPE…) when the caller may not act for them.
 */
export type NoticeApplicant = (
  identity: Identity,
  onBehalfOf: OnBehalfOf | null,
  bundleCode: string,
) => Promise<Applicant>;

export interface PaperRoutesDeps {
  readonly papers: Papers;
  readonly service: Pick<ApplicationService, 'visible'>;
  readonly forms: FormChecks;
  readonly limits: FormLimits;
  readonly clock: Clock;
  readonly applicantFor: NoticeApplicant;
  /** The documents departments issued (我的证照) and the files they are kept in. */
  readonly documents: Documents;
  readonly blobs: BlobStore;
  readonly log: Logger;
}

/** The body of `POST /papers/one-time-notice`: checkForm's arguments. */
const noticeBody = z
  .object({
    bundleCode: z.string().min(1).max(100),
    options: z.array(z.string().max(100)).max(50).default([]),
    values: z
      .array(z.object({ key: z.string().max(200), value: z.string().max(10_000) }).strict())
      .max(500)
      .default([]),
    materials: z.array(z.string().max(100)).max(100).default([]),
    prefillId: z.string().max(100).nullish(),
    onBehalfOf: z
      .object({ visitId: z.string().max(100).nullish(), delegationId: z.string().max(100).nullish() })
      .strict()
      .nullish(),
  })
  .strict();

/** An error a resolver would throw, answered as the route's refusal; anything else is the hall's failure. */
function refuseWith(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof GraphQLError && isErrorCode(e.extensions.code)) {
    const { code, department: _, ...rest } = e.extensions;
    return sendError(reply, code, e.message, rest);
  }
  throw e;
}

const pdf = (reply: FastifyReply, name: string, bytes: Buffer) =>
  reply
    .type('application/pdf')
    .header('content-length', bytes.length)
    .header('content-disposition', `inline; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);

/**
 * The hall's paper routes (dispatched through the gateway as `/papers/*`):
 * - `GET /papers/receipts/<applicationId>.pdf`: the acceptance receipt (受理回执), for whoever may read the
 *   application (its applicant, window staff, staff of a department it involves); anyone else is told
 *   there is no such application (NOT_FOUND), as `application(id)` answers null.
 * - `POST /papers/one-time-notice`: the one-time notice (一次性告知单) of a form as checkForm takes it;
 *   409 FORM_COMPLETE when there is nothing to list.
 * - `GET /papers/documents/<documentId>.pdf`: a document a department issued (我的证照), for its holder and
 *   whoever may read the application it was issued in; NOT_FOUND to anyone else.
 * - `GET /papers/status/<token>`: the public status page behind a receipt's QR code, without sign-in.
 * The first two need the gateway's identity header (list them in the subgraph's `identityPaths`).
 */
export const paperRoutes: FastifyPluginAsync<PaperRoutesDeps> = async (scope, deps) => {
  const { papers } = deps;
  const { applicantFor } = deps;
  await scope.register(errorShape, {
    log: deps.log,
    json: false,
    unavailable: storeUnavailable,
    failure: 'the hall failed to make the paper',
  });

  scope.get<{ Params: { file: string } }>('/papers/receipts/:file', async (req, reply) => {
    const id = req.params.file.replace(/\.pdf$/i, '');
    const identity = req.identity!;
    const application = isHallId(id) ? await deps.service.visible(identity, id) : undefined;
    if (!application)
      return sendError(reply, 'NOT_FOUND', `there is no application ${id} whose receipt you may see`);
    const bytes = await papers.receipt(application);
    // The reader by role only: an applicant's subject is their ID number, kept out of logs.
    deps.log.info({ application: id, role: identity.role }, 'receipt made');
    return pdf(reply, `receipt-${id}.pdf`, bytes);
  });

  scope.get<{ Params: { file: string } }>('/papers/documents/:file', async (req, reply) => {
    const id = req.params.file.replace(/\.pdf$/i, '');
    const identity = req.identity!;
    const document = isHallId(id) ? await deps.documents.get(id) : undefined;
    const mayRead =
      document !== undefined &&
      ((identity.role === 'applicant' && identity.idNumber === document.holderIdNumber) ||
        (seesDocument(identity, document) &&
          (await deps.service.visible(identity, document.applicationId)) !== undefined));
    if (!document || !mayRead || !(await deps.blobs.has(document.sha256)))
      return sendError(reply, 'NOT_FOUND', `there is no document ${id} that you may download`);
    deps.log.info({ document: id, role: identity.role }, 'document downloaded');
    return reply
      .type(document.contentType)
      .header('content-length', document.size)
      .header('content-disposition', `inline; filename="document-${id}.pdf"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('x-document-sha256', document.sha256)
      .send(deps.blobs.read(document.sha256));
  });

  scope.post('/papers/one-time-notice', async (req: FastifyRequest, reply) => {
    const parsed = noticeBody.safeParse(req.body ?? null);
    if (!parsed.success)
      return sendError(
        reply,
        'INVALID_INPUT',
        'the body is not a form to check: send checkForm’s arguments as JSON',
        {
          problems: parsed.error.issues.map((i) => ({
            path: i.path.join('.') || 'body',
            rule: `body.${i.code}`,
            message: { zh: `请求内容不正确：${i.message}`, en: i.message },
          })),
        },
      );
    const body = parsed.data;
    try {
      const applicant = await applicantFor(req.identity!, body.onBehalfOf ?? null, body.bundleCode);
      await deps.limits.consume('checkForm', applicant.idNumber);
      const check = await deps.forms.check(applicant, {
        bundleCode: body.bundleCode,
        options: body.options,
        values: body.values,
        materials: body.materials,
        prefillId: body.prefillId,
      });
      if (check.problems.length === 0)
        return sendError(
          reply,
          'FORM_COMPLETE',
          'the form is complete: there is nothing to notify; submit the application',
          { valid: true },
        );
      const name = body.values.find((v) => v.key === 'applicant.name')?.value.trim() || applicant.name;
      const data = noticeData({
        bundleName: check.bundle.name,
        form: check.form,
        problems: check.problems,
        applicant: { name, idNumber: applicant.idNumber },
        date: deps.clock.today(),
        centre: papers.centre,
      });
      deps.log.info(
        { bundle: check.bundle.code, problems: check.problems.length, role: req.identity!.role },
        'one-time notice made',
      );
      return pdf(reply, `one-time-notice-${check.bundle.code.toLowerCase()}.pdf`, await noticePdf(data));
    } catch (e) {
      return refuseWith(reply, e);
    }
  });

  scope.get<{ Params: { token: string } }>(`${STATUS_PATH}:token`, async (req, reply) => {
    const status = isStatusToken(req.params.token) ? await papers.statusByToken(req.params.token) : null;
    reply.headers(STATUS_PAGE_HEADERS);
    if (!status) return reply.code(404).send(unknownStatusPage());
    return reply.send(statusPage(status, deps.clock.now()));
  });
};
