import { createHash } from 'node:crypto';

/** Where a message is: sent to the carrier and waiting for its report, delivered, or failed. */
export type MessageStatus = 'SENDING' | 'DELIVERED' | 'FAILED';

/** One accepted send. */
export interface Message {
  /** The gateway's id of the send (回执ID). */
  readonly bizId: string;
  readonly accessKeyId: string;
  /** The caller's idempotency key. */
  readonly outId: string;
  readonly phoneNumber: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Readonly<Record<string, string>>;
  /** The text as the recipient reads it. */
  readonly text: string;
  readonly segments: number;
  readonly fingerprint: string;
  /** Gateway clock, epoch ms. */
  readonly sentAt: number;
  status: MessageStatus;
  /** The carrier's status code of the report: `DELIVRD`, or why it failed. */
  errCode?: string;
  reportedAt?: number;
}

/** What a send asks for, without who asked and when: two attempts of one send differ in neither. */
export function sendFingerprint(send: {
  readonly phoneNumber: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Readonly<Record<string, string>>;
}): string {
  const params = Object.keys(send.templateParam)
    .sort()
    .map((k) => [k, send.templateParam[k]]);
  return createHash('sha256')
    .update(JSON.stringify([send.phoneNumber, send.signName, send.templateCode, params]))
    .digest('hex');
}

/**
 * The sends the gateway accepted: by id, by the caller's OutId (per access key, so two callers' keys
 * never collide), and counted per template and number, so a test can assert how many texts a number got.
 */
export class MessageStore {
  private readonly byId = new Map<string, Message>();
  private readonly byOutId = new Map<string, Message>();
  private readonly counts = new Map<string, number>();
  private seq = 0;

  /** The send earlier made under this OutId, if any. */
  byKey(accessKeyId: string, outId: string): Message | undefined {
    return this.byOutId.get(`${accessKeyId}\u0000${outId}`);
  }

  get(bizId: string): Message | undefined {
    return this.byId.get(bizId);
  }

  /** Records an accepted send, with an id of the gateway's day and a sequence number. */
  add(m: Omit<Message, 'bizId' | 'status'>): Message {
    const day = new Date(m.sentAt + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const message: Message = {
      ...m,
      bizId: `${day}${String(++this.seq).padStart(10, '0')}`,
      status: 'SENDING',
    };
    this.byId.set(message.bizId, message);
    this.byOutId.set(`${m.accessKeyId}\u0000${m.outId}`, message);
    const countKey = `${m.templateCode}\u0000${m.phoneNumber}`;
    this.counts.set(countKey, (this.counts.get(countKey) ?? 0) + 1);
    return message;
  }

  list(filter: { phone?: string; template?: string; outId?: string } = {}): Message[] {
    return [...this.byId.values()].filter(
      (m) =>
        (!filter.phone || m.phoneNumber === filter.phone) &&
        (!filter.template || m.templateCode === filter.template) &&
        (!filter.outId || m.outId === filter.outId),
    );
  }

  /** Texts sent per template and number (each accepted send once, however often it was asked for). */
  sentCounts(filter: { phone?: string; template?: string } = {}) {
    return [...this.counts].flatMap(([key, sent]) => {
      const [templateCode, phoneNumber] = key.split('\u0000') as [string, string];
      if (filter.phone && filter.phone !== phoneNumber) return [];
      if (filter.template && filter.template !== templateCode) return [];
      return [{ templateCode, phoneNumber, sent }];
    });
  }

  get size(): number {
    return this.byId.size;
  }
}
