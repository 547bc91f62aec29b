import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { Application } from '../applications/model';
import type { ApplicationService } from '../applications/service';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { Uploads } from '../materials/uploads';
import type { WindowVisits } from '../window/visits';
import { checkHandOut } from './address';
import type { HandOutDesk } from './desk';
import { type HandOut, type HandOutMethod, maskId } from './model';
import type { HandOuts } from './store';

type Ctx = SubgraphContext<Record<string, unknown>>;

export const handOutShape = (h: HandOut) => ({
  method: h.method,
  status: h.status,
  address: h.address
    ? {
        name: h.address.name,
        province: h.address.province,
        city: h.address.city,
        county: h.address.county,
        address: h.address.address,
        postalCode: h.address.postalCode,
      }
    : null,
  waybillNumber: h.waybillNumber,
  waybillStatus: h.waybillStatus,
  signer: h.signer,
  collection: h.collection
    ? {
        recipientName: h.collection.recipientName,
        recipientIdMasked: h.collection.recipientIdMasked,
        as: h.collection.as,
        identityCheck: h.collection.identityCheck,
        officer: { ...h.collection.officer, centre: null },
      }
    : null,
  deliveredAt: h.deliveredAt?.toISOString() ?? null,
});

/**
 * 统一出件: the hand-out of an application's results, shown to whoever may read the application; changed
 * by its applicant, their agent or window staff until every part is approved; collected at the window as
 * window staff record it.
 */
export function handOutResolvers(deps: {
  readonly service: ApplicationService;
  readonly handOuts: HandOuts;
  readonly handOutDesk: HandOutDesk;
  readonly uploads: Uploads;
  readonly visits: WindowVisits;
}): Resolvers {
  const { service, handOuts, handOutDesk } = deps;
  const visible = async (ctx: Ctx, id: string): Promise<Application> => {
    const a = await service.visible(ctx.identity, hallId('applicationId', id, 'an application'));
    if (!a) throw subgraphError('NOT_FOUND', 'hall', `no application ${id} that you may see`);
    return a;
  };
  const refused = (refusal: string) => subgraphError('HAND_OUT_REFUSED', 'hall', refusal);

  return {
    Application: {
      handOut: async (a: Application) => {
        const h = await handOuts.get(a.id);
        return h ? handOutShape(h) : null;
      },
    },
    Mutation: {
      chooseHandOut: async (
        _: unknown,
        args: {
          applicationId: string;
          handOut: { method: HandOutMethod; address?: Record<string, string> | null };
        },
        ctx: Ctx,
      ) => {
        const a = await visible(ctx, args.applicationId);
        // Only the applicant (or their agent) and the window: departments and supervisors see it, not choose it.
        if (ctx.identity.role !== 'applicant' && ctx.identity.role !== 'window-staff')
          throw subgraphError(
            'FORBIDDEN',
            'hall',
            'the way of hand-out is the applicant’s to choose, or the window’s',
          );
        const checked = checkHandOut(args.handOut);
        if ('problems' in checked)
          throw subgraphError(
            'INVALID_INPUT',
            'hall',
            `the hand-out cannot be taken: ${checked.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`,
            { problems: checked.problems },
          );
        const r = await handOutDesk.change(a.id, { type: 'choose', ...checked });
        if ('refusal' in r) throw refused(r.refusal);
        return handOutShape(r.handOut);
      },
      recordCollection: async (
        _: unknown,
        args: {
          applicationId: string;
          input: { visitId: string; signatureUploadId: string };
        },
        ctx: Ctx,
      ) => {
        if (ctx.identity.role !== 'window-staff')
          throw subgraphError(
            'FORBIDDEN',
            'hall',
            'results are handed over at the output window, by its staff',
          );
        const a = await visible(ctx, args.applicationId);
        const visit = await deps.visits.visitFor(
          hallId('visitId', args.input.visitId, 'a window visit'),
          ctx.identity,
          new Date(),
        );
        const recipient = visit.applicant;
        const as =
          recipient.idNumber === a.applicantIdNumber
            ? 'APPLICANT'
            : recipient.idNumber === a.intake.agent?.idNumber
              ? 'AGENT'
              : null;
        if (!as)
          throw subgraphError(
            'INVALID_INPUT',
            'hall',
            'the results go to the applicant, or to the agent who handed the application in: this visit is for someone else',
            {
              problems: [
                {
                  path: 'input.visitId',
                  rule: 'collection.recipient',
                  message: {
                    zh: '领取人应为申请人本人或办理该申请的代办人',
                    en: 'the recipient is the applicant or the agent who handed it in',
                  },
                },
              ],
            },
          );
        const [signature] = await deps.uploads.forApplicant(recipient.idNumber, [
          hallId('signatureUploadId', args.input.signatureUploadId, 'an upload'),
        ]);
        if (!signature)
          throw subgraphError(
            'INVALID_INPUT',
            'hall',
            'the signature is not among the uploads of this visit: upload the signed slip in the visit again',
            {
              problems: [
                {
                  path: 'input.signatureUploadId',
                  rule: 'collection.signature',
                  message: {
                    zh: '找不到本次领取人的签名文件，请重新上传',
                    en: 'the recipient’s signature is not found: upload it again',
                  },
                },
              ],
            },
          );
        const r = await handOutDesk.change(a.id, {
          type: 'collected',
          collection: {
            recipientName: recipient.name,
            recipientIdMasked: maskId(recipient.idNumber),
            as,
            identityCheck: visit.identityCheck,
            signatureUploadId: signature.id,
            officer: { subject: ctx.identity.subject, name: ctx.identity.name ?? ctx.identity.subject },
          },
          at: new Date(),
        });
        if ('refusal' in r) throw refused(r.refusal);
        return handOutShape(r.handOut);
      },
    },
  } as Resolvers;
}
