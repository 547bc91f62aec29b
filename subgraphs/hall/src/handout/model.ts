/**
 * 统一出件: how an application's results reach the applicant once every part is approved — collected at
 * the centre's window, or posted through the courier — chosen at submission and changeable until then.
 * The application ends DELIVERED, not before.
 */

export type HandOutMethod = 'COLLECT' | 'POST';

/** Where the results' hand-out stands. */
export type HandOutStatus =
  /** The parts are not all approved yet: the method may still change. */
  | 'WAITING'
  /** Every part approved: ready to collect at the window, or being posted. */
  | 'READY'
  /** Handed to the courier: a waybill tracks it. */
  | 'POSTED'
  /** Collected at the window, or delivered and signed for. */
  | 'DELIVERED';

/** Where the results are posted to (the recipient, as the courier needs them). */
export interface PostalAddress {
  readonly name: string;
  readonly phone: string;
  readonly province: string;
  readonly city: string;
  readonly county: string;
  readonly address: string;
  readonly postalCode: string;
}

/** Who collected the results at the window, checked by whom. */
export interface Collection {
  readonly recipientName: string;
  /** The recipient's ID number, kept masked (the first 6 and last 4 digits). */
  readonly recipientIdMasked: string;
  /** The applicant themself, or their agent. */
  readonly as: 'APPLICANT' | 'AGENT';
  readonly identityCheck: 'ID_CARD_READ' | 'DOCUMENT_INSPECTED';
  /** The upload of the signature on the window's pad (or the scanned signed slip). */
  readonly signatureUploadId: string;
  readonly officer: { readonly subject: string; readonly name: string };
}

export interface HandOut {
  readonly applicationId: string;
  readonly method: HandOutMethod;
  readonly address: PostalAddress | null;
  readonly status: HandOutStatus;
  readonly waybillNumber: string | null;
  /** The courier's status of the waybill as last read (CREATED … DELIVERED, DELIVERY_FAILED, RETURNED). */
  readonly waybillStatus: string | null;
  readonly signer: string | null;
  readonly collection: Collection | null;
  readonly deliveredAt: Date | null;
}

export type HandOutChange = Partial<
  Pick<
    HandOut,
    | 'method'
    | 'address'
    | 'status'
    | 'waybillNumber'
    | 'waybillStatus'
    | 'signer'
    | 'collection'
    | 'deliveredAt'
  >
>;

export type HandOutEvent =
  | { readonly type: 'choose'; readonly method: HandOutMethod; readonly address: PostalAddress | null }
  /** Every part approved. */
  | { readonly type: 'completed' }
  /** The courier made the waybill. */
  | { readonly type: 'waybill'; readonly waybillNumber: string; readonly waybillStatus: string }
  /** The waybill as the courier reads it now. */
  | {
      readonly type: 'tracked';
      readonly waybillStatus: string;
      readonly signer: string | null;
      readonly at: Date;
    }
  | { readonly type: 'collected'; readonly collection: Collection; readonly at: Date };

/** What follows: post the results, tell the applicant they are ready / posted / delivered. */
export type HandOutConsequence = 'post' | 'tellReady' | 'tellPosted' | 'tellDelivered';

export type HandOutTransition =
  | { readonly ok: true; readonly change: HandOutChange; readonly next: readonly HandOutConsequence[] }
  | { readonly ok: false; readonly refusal: string };

const refuse = (h: Pick<HandOut, 'status' | 'method'>, what: string): HandOutTransition => ({
  ok: false,
  refusal: `the results are ${h.status} (${h.method === 'POST' ? 'by post' : 'to collect'}): ${what}`,
});

/** The hand-out state machine: every change, and every refusal, with what follows. Pure. */
export function handOutTransition(h: HandOut, e: HandOutEvent): HandOutTransition {
  switch (e.type) {
    case 'choose':
      if (h.status !== 'WAITING')
        return refuse(h, 'the way of hand-out is chosen before every part is approved');
      if (e.method === 'POST' && !e.address) return refuse(h, 'posting needs an address');
      return {
        ok: true,
        change: { method: e.method, address: e.method === 'POST' ? e.address : null },
        next: [],
      };
    case 'completed':
      if (h.status !== 'WAITING') return refuse(h, 'already ready');
      return { ok: true, change: { status: 'READY' }, next: h.method === 'POST' ? ['post'] : ['tellReady'] };
    case 'waybill':
      if (h.method !== 'POST' || h.status !== 'READY')
        return refuse(h, 'a waybill is made for results ready to post');
      return {
        ok: true,
        change: { status: 'POSTED', waybillNumber: e.waybillNumber, waybillStatus: e.waybillStatus },
        next: ['tellPosted'],
      };
    case 'tracked': {
      if (h.status !== 'POSTED') return refuse(h, 'only posted results are tracked');
      if (e.waybillStatus === 'DELIVERED')
        return {
          ok: true,
          change: {
            status: 'DELIVERED',
            waybillStatus: e.waybillStatus,
            signer: e.signer,
            deliveredAt: e.at,
          },
          next: ['tellDelivered'],
        };
      return e.waybillStatus === h.waybillStatus
        ? { ok: true, change: {}, next: [] }
        : { ok: true, change: { waybillStatus: e.waybillStatus }, next: [] };
    }
    case 'collected':
      if (h.method !== 'COLLECT') return refuse(h, 'these results are posted, not collected');
      if (h.status !== 'READY') return refuse(h, 'results are collected once ready, once');
      return {
        ok: true,
        change: { status: 'DELIVERED', collection: e.collection, deliveredAt: e.at },
        next: ['tellDelivered'],
      };
  }
}

/** An ID number as kept for a collection: the first six and the last four characters. */
export const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
