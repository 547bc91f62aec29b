/** Where a waybill is, in the domain's terms. */
export type WaybillStatus =
  | 'CREATED'
  | 'PICKED_UP'
  | 'IN_TRANSIT'
  | 'OUT_FOR_DELIVERY'
  | 'DELIVERED'
  | 'DELIVERY_FAILED'
  | 'RETURNED'
  | 'CANCELLED';

/** A party of a posting: the centre sending, or the applicant receiving. */
export interface PostalParty {
  readonly name: string;
  /** The recipient's mobile number (1[3-9]x, 11 digits); the centre may give its landline. */
  readonly phone: string;
  readonly province: string;
  readonly city: string;
  readonly county: string;
  /** Street and number, building, room. */
  readonly address: string;
  /** 邮政编码: 6 digits of the address's province. */
  readonly postalCode: string;
}

/** Results to post (寄递): from the centre to the applicant, under the application number. */
export interface PostalOrder {
  /** The application number, as the courier's customer order number: one waybill per application. */
  readonly orderNumber: string;
  readonly sender: PostalParty;
  readonly recipient: PostalParty;
  /** What is in the envelope: the certificates and papers, by name. */
  readonly items: readonly { readonly name: string; readonly quantity: number }[];
  readonly remark?: string;
}

/** One event of a waybill's tracking (轨迹). */
export interface TrackingEvent {
  /** 1 for the order, then one more per event: order pushes by it, never by arrival. */
  readonly seq: number;
  readonly status: WaybillStatus;
  /** ISO timestamp. */
  readonly at: string;
  readonly place: string;
  /** The courier's words (zh-CN). */
  readonly description: string;
  /** Who signed for it (签收人), on DELIVERED. */
  readonly signer?: string;
  /** Why it could not be delivered, on DELIVERY_FAILED. */
  readonly failureReason?: string;
  readonly cancelReason?: string;
}

/** A waybill as the courier holds it. */
export interface Waybill {
  /** UPU S10 number, e.g. `EA100000008CN`. */
  readonly waybillNumber: string;
  readonly orderNumber: string;
  readonly status: WaybillStatus;
  readonly createdAt: string;
  /** The recipient as the courier answers it: name, masked mobile, province and city. */
  readonly recipient: {
    readonly name: string;
    readonly maskedPhone: string;
    readonly province: string;
    readonly city: string;
  };
  readonly events: readonly TrackingEvent[];
}

/** A tracking push, verified: one event of one waybill. */
export interface TrackingPush {
  /** The same for every delivery of one event (duplicates carry it again). */
  readonly pushId: string;
  readonly waybillNumber: string;
  readonly orderNumber: string;
  readonly event: TrackingEvent;
}
