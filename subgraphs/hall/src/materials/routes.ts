import type { Logger } from '@onething/runtime';
import { errorShape } from '@onething/runtime/http';
import type { Identity } from '@onething/runtime/identity';
import type {} from '@onething/subgraph-kit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { ActingLookups } from '../acting/resolve-acting';
import { resolveActing } from '../acting/resolve-acting';
import { isHallId } from '../ids';
import type { Database } from '../platform/database';
import { storeUnavailable } from '../platform/unavailable';
import { BlobStore } from './blob-store';
import { type MaterialErrorCode, refuse } from './errors';
import { inlineDisposition, MaterialNameError, materialName, NAME_HEADER } from './material-name';
import { UploadRetention } from './retention';
import { claimedType, MATERIAL_TYPES, sniffType, TYPE_NAMES } from './sniff';
import { type Upload, Uploads } from './uploads';

/** What the material routes need: the store, where files go, how big one may be. */
export interface MaterialRoutesDeps {
  readonly db: Database;
  /** Directory of the content-addressed files (MATERIALS_DIR). */
  readonly dir: string;
  /** Largest file accepted, in bytes (MAX_MATERIAL_BYTES). */
  readonly maxBytes: number;
  readonly log: Logger;
  /**
   * Whether the case of an item carries a material of this id: the item asks for it, so the hall sends
   * the applicant's upload with it (see dispatch/case-input.ts). What a department's staff may open.
   */
  readonly sentWith: (itemCode: string, materialId: string) => boolean;
  /**
   * What one applicant may hold in uploads not yet handed in (MATERIAL_QUOTA_FILES, MATERIAL_QUOTA_BYTES);
   * none where limits are lifted.
   */
  readonly quota?: { readonly files: number; readonly bytes: number };
  /** How long uploads never handed in are kept (UPLOAD_RETENTION_HOURS; default 168). */
  readonly retentionHours?: number;
  /**
   * Who else may open an applicant's upload, beyond the rules of the routes: the agent of a delegation
   * whose power of attorney it is (delegations/).
   */
  readonly alsoReadableBy?: (identity: Identity, upload: Upload) => Promise<boolean>;
  /**
   * Whom an upload is for when `?visitId=` (a window officer, for the walk-in) or `?delegationId=` (an
   * agent, for the principal) is given: the upload is the applicant's, not the uploader's. Without it,
   * only applicants upload, for themselves.
   */
  readonly acting?: ActingLookups & { readonly now: () => Date };
}

/** Whom an upload is for: the applicant who owns it, and the visit it was made in. */
interface UploadOwner {
  readonly idNumber: string;
  readonly visitId: string | null;
}

const OWNER = Symbol('upload owner');
type WithOwner = FastifyRequest & { [OWNER]?: UploadOwner };

/** An upload as the routes answer it. */
export interface UploadView {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

const view = (u: Upload): UploadView => ({
  id: u.id,
  name: u.name,
  contentType: u.contentType,
  size: u.size,
  sha256: u.sha256,
  uploadedAt: u.uploadedAt.toISOString(),
});

/** A byte count as people read it: `10 MiB (10485760 bytes)`. */
export function bytesText(n: number): string {
  const mib = n / (1024 * 1024);
  const kib = n / 1024;
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB (${n} bytes)`;
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB (${n} bytes)`;
  return `${n} bytes`;
}

const ALLOWED = MATERIAL_TYPES.map((t) => `${TYPE_NAMES[t]} (${t})`).join(', ');

/**
 * The hall's material routes (申请材料上传): `POST /materials` takes one file as the raw body, checks its
 * type by content and its size, stores it by content and records it for the applicant; `GET
 * /materials/:id` serves it back to its applicant and to staff; `DELETE /materials/:id` lets its applicant
 * delete it while no application has handed it in. An applicant's uploads not handed in are held to a
 * quota (files and bytes). All need the gateway's identity header
 * (list `/materials` in the subgraph's `identityPaths`). A Fastify plugin: `app.register(materialRoutes, deps)`.
 */
export const materialRoutes: FastifyPluginAsync<MaterialRoutesDeps> = async (scope, deps) => {
  const blobs = new BlobStore(deps.dir);
  const uploads = new Uploads(deps.db);
  const retention = new UploadRetention({
    db: deps.db,
    blobs,
    retentionHours: deps.retentionHours ?? 168,
    log: deps.log,
  });
  const limit = bytesText(deps.maxBytes);

  /**
   * Whether the applicant's uploads not handed in, with `adding` more bytes, pass the quota; the refusal is
   * sent then. (A boolean, not the reply: a reply is thenable, and awaiting it would lose it.)
   */
  const overQuota = async (reply: FastifyReply, idNumber: string, adding: number): Promise<boolean> => {
    const quota = deps.quota;
    if (!quota) return false;
    const used = await uploads.usage(idNumber);
    const files = used.files + (adding > 0 ? 1 : 0);
    if (used.files < quota.files && used.bytes + adding <= quota.bytes && files <= quota.files) return false;
    const what =
      used.files >= quota.files
        ? `you already hold ${used.files} uploads that no application has handed in, the most allowed (${quota.files})`
        : `your uploads that no application has handed in hold ${bytesText(used.bytes)}; with this file they would pass the ${bytesText(quota.bytes)} allowed`;
    refuse(
      reply,
      'MATERIAL_QUOTA_EXCEEDED',
      `${what}: delete uploads you no longer need (DELETE /materials/<id>, listed by myUploads), or submit the application they are for; uploads never handed in are deleted after ${deps.retentionHours ?? 168} hours anyway`,
      { maxFiles: quota.files, maxBytes: quota.bytes, usedFiles: used.files, usedBytes: used.bytes },
    );
    return true;
  };

  /**
   * Who may see an upload: its applicant; window staff, who examine materials at the counter; a
   * department's staff once an application hands it in for a part of their department whose item asks
   * for it — what the hall sends them, never another department's material (a bank card scan goes to the
   * fund, not to the tax office); whoever `alsoReadableBy` names (the agent of a power of attorney). A
   * reference a department holds from anywhere else opens nothing.
   */
  const mayRead = async (identity: Identity | null, upload: Upload): Promise<boolean> => {
    if (!identity) return false;
    if (identity.role === 'window-staff') {
      // With centres configured, another centre's application's materials are not theirs to open.
      if (!identity.centre) return true;
      const centres = await uploads.centresHolding(upload.id);
      return centres.length === 0 || centres.some((c) => c === null || c === identity.centre);
    }
    if (identity.role === 'department-staff')
      return (await uploads.handedInTo(upload.id, identity.departments)).some((h) =>
        deps.sentWith(h.itemCode, h.materialId),
      );
    if (identity.role === 'applicant' && identity.idNumber === upload.applicantIdNumber) return true;
    return (await deps.alsoReadableBy?.(identity, upload)) ?? false;
  };

  const onlyApplicants = async (req: FastifyRequest, reply: FastifyReply) => {
    // Refused before the body is read: a non-applicant's file costs neither memory nor disk.
    if (req.identity?.role !== 'applicant' || !req.identity.idNumber)
      return refuse(
        reply,
        'FORBIDDEN',
        `only applicants upload materials, for their own applications; you are signed in as ${req.identity?.role ?? 'nobody'}`,
      );
  };

  /**
   * The owner of an upload (before the body is read): the applicant for themself, or, with `?visitId=` or
   * `?delegationId=`, the applicant the caller acts for (resolveActing's rules and refusals).
   */
  const ownerOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, string | undefined>;
    const visitId = query.visitId ?? null;
    const delegationId = query.delegationId ?? null;
    if (req.identity && (visitId !== null || delegationId !== null) && deps.acting) {
      try {
        const acting = await resolveActing(
          req.identity,
          { visitId, delegationId },
          null,
          deps.acting.now(),
          deps.acting,
        );
        (req as WithOwner)[OWNER] = { idNumber: acting.applicant.idNumber, visitId: acting.visitId };
        return;
      } catch (e) {
        if (e instanceof GraphQLError && typeof e.extensions.code === 'string')
          return refuse(reply, e.extensions.code as MaterialErrorCode, e.message, {
            ...(e.extensions.problems ? { problems: e.extensions.problems } : {}),
          });
        throw e;
      }
    }
    if (req.identity?.role !== 'applicant' || !req.identity.idNumber)
      return refuse(
        reply,
        'FORBIDDEN',
        `only applicants upload materials, for their own applications (window staff: in a visit, ?visitId=); you are signed in as ${req.identity?.role ?? 'nobody'}`,
      );
    (req as WithOwner)[OWNER] = { idNumber: req.identity.idNumber, visitId: null };
  };

  /** Refused before the body is read when the applicant's quota is already full. */
  const quotaLeft = async (req: FastifyRequest, reply: FastifyReply) => {
    const owner = (req as WithOwner)[OWNER];
    if (reply.sent || !owner) return;
    if (await overQuota(reply, owner.idNumber, 0)) return reply;
  };

  const upload = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = req.body as Buffer | undefined;
    if (!body || body.length === 0)
      return refuse(reply, 'MATERIAL_EMPTY', "the request has no body: send the file's bytes as the body");
    const owner = (req as WithOwner)[OWNER]!;
    if (await overQuota(reply, owner.idNumber, body.length)) return reply;
    const type = sniffType(body);
    if (!type)
      return refuse(
        reply,
        'MATERIAL_TYPE_NOT_ALLOWED',
        `the file is not one of the types accepted (${ALLOWED}), judged by its content: scan or save it as PDF, JPEG or PNG`,
        { allowed: MATERIAL_TYPES },
      );
    const claimed = claimedType(req.headers['content-type']);
    if (claimed && claimed !== type)
      return refuse(
        reply,
        'MATERIAL_TYPE_MISMATCH',
        `the file says it is ${TYPE_NAMES[claimed]} (${claimed}) but its content is ${TYPE_NAMES[type]}: send it as ${type}, or check it is the file you meant`,
        { claimed, found: type },
      );
    let name: string;
    try {
      name = materialName(req.headers[NAME_HEADER], type);
    } catch (e) {
      if (e instanceof MaterialNameError) return refuse(reply, 'MATERIAL_NAME_INVALID', e.message);
      throw e;
    }
    // The file first, then its record: a record never points at a file that is not there.
    const stored = await blobs.put(body);
    const record = await uploads.create({
      applicantIdNumber: owner.idNumber,
      visitId: owner.visitId,
      sha256: stored.sha256,
      contentType: type,
      size: stored.size,
      name,
    });
    // The retention may have deleted the file of an expired record of the same content meanwhile.
    if (!stored.created && !(await blobs.has(stored.sha256))) await blobs.put(body);
    deps.log.info(
      { upload: record.id, sha256: stored.sha256, size: stored.size, type, reused: !stored.created },
      'material uploaded',
    );
    return reply.code(201).send(view(record));
  };

  const download = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    // An id that is not a UUID names no upload: answered without asking the store.
    const record = isHallId(req.params.id) ? await uploads.get(req.params.id) : undefined;
    // Someone else's upload is answered as an unknown one: its existence is not theirs to learn.
    if (!record || !(await mayRead(req.identity, record)))
      return refuse(reply, 'MATERIAL_NOT_FOUND', `there is no material ${req.params.id} that you may see`);
    if (!(await blobs.has(record.sha256))) {
      deps.log.error({ upload: record.id, sha256: record.sha256 }, 'the file of a material is missing');
      return refuse(reply, 'INTERNAL_SERVER_ERROR', `the file of material ${record.id} cannot be read`);
    }
    return reply
      .type(record.contentType)
      .header('content-length', record.size)
      .header('content-disposition', inlineDisposition(record.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=0')
      .header('etag', `"${record.sha256}"`)
      .send(blobs.read(record.sha256));
  };

  /** The owner deletes an upload of theirs that no application has handed in. */
  const remove = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const outcome = isHallId(req.params.id)
      ? await retention.remove(req.identity!.idNumber!, req.params.id)
      : 'not-found';
    if (outcome === 'not-found')
      return refuse(reply, 'MATERIAL_NOT_FOUND', `there is no material ${req.params.id} of yours`);
    if (outcome === 'handed-in')
      return refuse(
        reply,
        'MATERIAL_HANDED_IN',
        `material ${req.params.id} was handed in with an application: it is part of that service record, kept by law (档案法), and cannot be deleted`,
      );
    deps.log.info({ upload: req.params.id }, 'material deleted by its owner');
    return reply.code(204).send();
  };

  // A plugin is an encapsulated scope: its raw-body parser and error answers are for these routes only,
  // /graphql keeps its JSON parser and limit.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_req, body, done) =>
    done(null, body),
  );
  // Refusals before a route runs, and failures, said as material refusals.
  await scope.register(errorShape, {
    log: deps.log,
    json: false,
    tooLarge: () => ({
      code: 'MATERIAL_TOO_LARGE',
      message: `the file is larger than ${limit}: send a smaller scan`,
      extensions: { maxBytes: deps.maxBytes },
    }),
    unsupportedType: () => ({
      code: 'BAD_REQUEST',
      message: `the content-type header is not a media type: send the file's type (${MATERIAL_TYPES.join(', ')}) or none`,
    }),
    unavailable: storeUnavailable,
    failure: 'the hall failed to handle the material',
  });
  scope.post('/materials', { bodyLimit: deps.maxBytes, onRequest: [ownerOf, quotaLeft] }, upload);
  scope.get('/materials/:id', download);
  scope.delete<{ Params: { id: string } }>('/materials/:id', { onRequest: onlyApplicants }, remove);
};
