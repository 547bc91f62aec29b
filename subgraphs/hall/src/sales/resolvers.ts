import { fenToYuan, yuanToFen } from '@onething/schema';
import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import { applicantOf } from '../applicant';
import type { AuditTrail } from '../consent/audit-trail';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import { invalidInput } from '../invalid-input';
import type { SupergraphClient } from '../platform/supergraph-client';
import { isLive, type SaleConfirmation, type SaleConfirmations } from './store';
import { readUnitAsOwner } from './unit';

type Ctx = SubgraphContext<unknown>;

export interface SalesDeps {
  readonly sales: SaleConfirmations;
  readonly client: SupergraphClient;
  readonly audit: AuditTrail;
  /** Days a confirmation stays valid (SALE_CONFIRMATION_DAYS). */
  readonly validDays: number;
  /** Whom a buyer's list is read for (a walk-in at a window, a principal under a delegation). */
  readonly acting: ActingDeps;
}

/** The bundle sales are applied with: a delegation must cover it for an agent to see a principal's sales. */
const SALE_BUNDLE = 'HOUSE-TRANSFER';

/** The signed-in applicant (a seller or a buyer acts for themselves only). */
function personOf(ctx: Ctx) {
  const me = applicantOf(ctx, 'only an applicant can do this, for themselves');
  return { idNumber: me.idNumber, name: ctx.identity.name ?? '', subject: me.subject };
}

const shape = (c: SaleConfirmation, handedIn: ReadonlySet<string> = new Set()) => ({
  ...c,
  price: c.priceFen === null ? null : fenToYuan(c.priceFen),
  confirmedAt: c.confirmedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  // Live: not withdrawn, not expired, and not yet handed in with an application (a sale is applied with once).
  live: isLive(c) && !handedIn.has(c.id),
});

/**
 * The seller's side of a house transfer (出卖人确认): an owner confirms selling a unit to a buyer; the
 * buyer sees the sales confirmed to them and applies with one. 《不动产登记暂行条例》第十四条: a sale is
 * registered on the joint application of both parties.
 */
export function salesResolvers({ sales, client, audit, validDays, acting }: SalesDeps): Resolvers {
  return {
    Query: {
      mySaleConfirmations: async (_: unknown, __: unknown, ctx: Ctx) => {
        const list = await sales.bySeller(personOf(ctx).idNumber);
        const handedIn = await sales.handedIn(list.map((c) => c.id));
        return list.map((c) => shape(c, handedIn));
      },
      salesConfirmedToMe: async (
        _: unknown,
        { onBehalfOf }: { onBehalfOf?: OnBehalfOfArg | null },
        ctx: Ctx,
      ) => {
        // The buyer: the caller, the walk-in of the officer's visit, or the principal of a delegation
        // covering the house transfer (an agent outside that scope is refused).
        const buyer = onBehalfOf
          ? (await actingFor(acting, ctx, onBehalfOf, SALE_BUNDLE)).applicant
          : personOf(ctx);
        const list = await sales.toBuyer(buyer.idNumber);
        const handedIn = await sales.handedIn(list.map((c) => c.id));
        return list.map((c) => shape(c, handedIn));
      },
    },
    Mutation: {
      confirmSale: async (
        _: unknown,
        args: { unitCode: string; buyerIdNumber: string; price?: string | null },
        ctx: Ctx,
      ) => {
        const me = personOf(ctx);
        if (args.buyerIdNumber === me.idNumber)
          throw invalidInput('you cannot sell to yourself', 'buyerIdNumber', 'sale.toSelf', '不能向本人出售');
        const priceFen = args.price ? (yuanToFen(args.price) ?? null) : null;
        // The hall reads the unit acting for the seller: the registry answers only if they own it, so a
        // unit that is not theirs and one that is not registered get the same answer.
        const read = await readUnitAsOwner(client, args.unitCode, me.idNumber);
        if (read.kind === 'unavailable')
          // The registry's own failure, said as a department failure is everywhere (retryable, named).
          throw subgraphError(
            'DEPARTMENT_UNAVAILABLE',
            'realestate',
            `the registry cannot be asked now (${read.reason}); confirm the sale again later`,
          );
        if (read.kind !== 'unit')
          throw invalidInput(
            `you are not the registered owner of unit ${args.unitCode}: only an owner confirms its sale`,
            'unitCode',
            'sale.notOwner',
            `您不是不动产单元 ${args.unitCode} 登记的权利人，不能确认出售`,
          );
        if (read.unit.owners.length > 1)
          throw invalidInput(
            'a jointly owned unit is sold with every owner’s consent: its owners confirm together at the window',
            'unitCode',
            'sale.jointlyOwned',
            '共有房屋的出售须全体共有人同意：请共有人一同到窗口确认',
          );
        if (read.unit.seized)
          throw invalidInput(
            'the unit is seized by a court and cannot be sold',
            'unitCode',
            'property.seized',
            '该不动产已被查封，不能出售',
          );
        await audit.record([
          {
            actorSubject: me.subject,
            actorRole: 'applicant',
            subjectIdNumber: me.idNumber,
            subjectUscc: null,
            department: 'realestate',
            fields: ['property.owners', 'property.address', 'property.seized'],
            bundleCode: SALE_BUNDLE,
            applicationId: null,
            purpose: { kind: 'sale-confirmation', about: args.unitCode },
          },
        ]);
        const saved = await sales.confirm(
          {
            sellerIdNumber: me.idNumber,
            sellerName: me.name,
            unitCode: args.unitCode,
            address: read.unit.address,
            buyerIdNumber: args.buyerIdNumber,
            priceFen,
          },
          validDays,
        );
        return shape(saved);
      },
      revokeSaleConfirmation: async (
        _: unknown,
        { saleConfirmationId }: { saleConfirmationId: string },
        ctx: Ctx,
      ) => {
        const revoked = await sales.revoke(
          personOf(ctx).idNumber,
          hallId('saleConfirmationId', saleConfirmationId, 'a sale confirmation'),
        );
        if (!revoked)
          throw invalidInput(
            `no sale confirmation ${saleConfirmationId} of yours`,
            'saleConfirmationId',
            'sale.unknown',
            '没有您的该出售确认',
          );
        return shape(revoked);
      },
    },
  };
}
