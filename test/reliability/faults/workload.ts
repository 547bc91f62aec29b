import {
  HOUSE_TRANSFER_UPLOADS,
  type Parties,
  SAMPLE_FILES,
  SaleNotConfirmed,
  uploadMaterial,
} from '../../../scripts/house-transfer-form';
import {
  APPLICATION_FIELDS,
  type ApplicationView,
  houseTransferValues,
  idNumberOf,
  parties,
  population,
  saleConfirmed,
} from '../../stack/house-transfer';
import type { TestStack } from '../../stack/support';

/**
 * The submissions of the reliability suite: applications of two bundles, so that every department takes
 * cases — the second-hand house transfer (tax and fund in parallel, then the registry) and the sole
 * trader start-up (market regulation, then tax) — each by its own applicant. What became of them is
 * counted in exactly-once.ts.
 */

export type BundleKind = 'house-transfer' | 'sole-trader';

/** An application the hall answered as stored (accepted). */
export interface Accepted {
  readonly kind: BundleKind;
  readonly id: string;
  readonly token: string;
  /** When the hall's answer came (ms since the epoch). */
  readonly at: number;
  readonly parts: readonly { readonly id: string; readonly itemCode: string; readonly department: string }[];
}

/** An application ready to hand in: its applicant's token and the filled form with the uploads. */
export interface Prepared {
  readonly kind: BundleKind;
  readonly token: string;
  readonly input: Record<string, unknown>;
}

/** What one attempt to hand in an application came to. */
export type SubmitOutcome =
  | { readonly ok: true; readonly accepted: Accepted }
  | { readonly ok: false; readonly stage: 'upload' | 'submit'; readonly error: string };

const SOLE_TRADER_UPLOADS = ['id-card', 'premises-proof', 'articles-of-association'] as const;

// People who represent no enterprise yet: each starts one sole trader business.
const representatives = new Set(population.enterprises.map((e) => e.legalRepIdNumber));
const SOLE_TRADERS = population.persons.filter((p) => !representatives.has(p.idNumber));

/** The sole trader start-up's one form, filled in by a person starting a small shop. */
export function soleTraderValues(n: number): {
  applicant: { idNumber: string; name: string };
  values: { key: string; value: string }[];
} {
  const p = SOLE_TRADERS[n];
  if (!p) throw new Error(`the seeded population has fewer than ${n + 1} people to start a sole trader with`);
  const values: Record<string, string> = {
    'applicant.idNumber': p.idNumber,
    'applicant.name': p.name,
    'applicant.phone': '13800138000',
    // Names are unique at the register (NAME_TAKEN otherwise): the applicant's own name and a number.
    'enterprise.name': `${p.name}便民小吃店${n + 1}号`,
    'enterprise.registeredCapital': '50000.00',
    'enterprise.address': '浙江省湖州市吴兴区人民路1号',
    'enterprise.businessScope': '餐饮服务；食品销售',
    'enterprise.employeeCount': '2',
    'enterprise.legalRepIdNumber': p.idNumber,
    'enterprise.legalRepName': p.name,
    'tax.taxpayerType': 'small-scale',
    'tax.accountingStandard': 'small-enterprise',
    'tax.financialContactName': p.name,
    'tax.financialContactPhone': '13800138001',
  };
  return {
    applicant: { idNumber: p.idNumber, name: p.name },
    values: Object.entries(values).map(([key, value]) => ({ key, value })),
  };
}

/** Aborts a request that gets no answer at all within this long (a hang is a failure, not a wait). */
const REQUEST_TIMEOUT_MS = 90_000;

async function submitApplication(
  s: TestStack,
  token: string,
  input: Record<string, unknown>,
): Promise<{ application?: ApplicationView; error?: string }> {
  try {
    const res = await fetch(`${s.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { ${APPLICATION_FIELDS} } problems { field code } } }`,
        variables: { i: input },
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const json = (await res.json()) as {
      data?: {
        submitApplication?: {
          application: ApplicationView | null;
          problems: { field: string; code: string }[];
        };
      } | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    const answer = json.data?.submitApplication;
    if (answer?.application) return { application: answer.application };
    if (answer?.problems.length)
      return { error: `problems: ${answer.problems.map((p) => `${p.field} ${p.code}`).join(', ')}` };
    return {
      error: `HTTP ${res.status}: ${json.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`,
    };
  } catch (e) {
    return { error: `no answer: ${(e as Error).message}` };
  }
}

/** How long a seller keeps confirming again while the registry cannot be asked (its faults last seconds). */
const SELLER_PATIENCE_MS = 120_000;

/**
 * Hands in applications, each by a fresh applicant (a buyer and seller pair, or a person starting a
 * business), and keeps every one the hall accepted.
 */
export class Workload {
  readonly accepted: Accepted[] = [];
  readonly refused: { kind: BundleKind; stage: string; error: string; at: number }[] = [];
  /** Confirmations a seller made again because the registry could not be asked the first time. */
  sellerRetries = 0;
  private houseTransfers = 0;
  private soleTraders = 0;
  private readonly personas: string[] = [];

  constructor(
    private readonly s: TestStack,
    /** Where to start in the lists of applicants (two workloads on one stack must not share any). */
    private readonly first = 0,
  ) {}

  /** Hands in one application of the kind, answering whether it was accepted. */
  async submit(kind: BundleKind): Promise<SubmitOutcome> {
    const prepared = await this.prepare(kind);
    return 'ok' in prepared ? prepared : this.hand(prepared);
  }

  /**
   * Everything before handing in: a fresh applicant's token, their materials uploaded, the form filled
   * (to hand in later with {@link hand}, e.g. many at once).
   */
  async prepare(kind: BundleKind): Promise<Prepared | (SubmitOutcome & { ok: false })> {
    const s = this.s;
    if (this.personas.length === 0)
      this.personas.push(idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller')));
    try {
      if (kind === 'house-transfer') {
        const p = parties(this.first + this.houseTransfers++, this.personas);
        const token = await s.customToken({
          role: 'applicant',
          id_number: p.buyer.idNumber,
          name: p.buyer.name,
        });
        const materials = [];
        for (const m of HOUSE_TRANSFER_UPLOADS)
          materials.push({ id: m.id, uploadId: await uploadMaterial(s.gatewayUrl, token, m.file, m.name) });
        await this.sellerConfirms(p);
        const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber);
        return { kind, token, input: { bundleCode: 'HOUSE-TRANSFER', values, materials } };
      }
      const { applicant, values } = soleTraderValues(this.first + this.soleTraders++);
      const token = await s.customToken({
        role: 'applicant',
        id_number: applicant.idNumber,
        name: applicant.name,
      });
      const materials = [];
      for (const id of SOLE_TRADER_UPLOADS)
        materials.push({
          id,
          uploadId: await uploadMaterial(s.gatewayUrl, token, SAMPLE_FILES.pdf, `${id}.pdf`),
        });
      return { kind, token, input: { bundleCode: 'SOLE-TRADER', values, materials } };
    } catch (e) {
      const error = (e as Error).message;
      this.refused.push({ kind, stage: 'upload', error, at: Date.now() });
      return { ok: false, stage: 'upload', error };
    }
  }

  /**
   * The seller confirms the sale before the buyer hands anything in. The registry is asked first (is the
   * seller its owner?); while it cannot be asked (one of the faults under test), the hall refuses the
   * confirmation as retryable and the seller, as the message tells them, confirms again once the registry
   * answers: the hall's acceptance of applications is under test here, not the seller's patience.
   */
  private async sellerConfirms(p: Parties): Promise<void> {
    const giveUpAt = Date.now() + SELLER_PATIENCE_MS;
    for (;;) {
      try {
        await saleConfirmed(this.s, p);
        return;
      } catch (e) {
        if (!(e instanceof SaleNotConfirmed && e.retryable) || Date.now() > giveUpAt) throw e;
        this.sellerRetries++;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Hands in a prepared application, answering whether it was accepted. */
  async hand({ kind, token, input }: Prepared): Promise<SubmitOutcome> {
    const { application, error } = await submitApplication(this.s, token, input);
    if (!application) {
      this.refused.push({ kind, stage: 'submit', error: error!, at: Date.now() });
      return { ok: false, stage: 'submit', error: error! };
    }
    const accepted: Accepted = {
      kind,
      id: application.id,
      token,
      at: Date.now(),
      parts: application.parts.map((p) => ({ id: p.id, itemCode: p.itemCode, department: p.department })),
    };
    this.accepted.push(accepted);
    return { ok: true, accepted };
  }
}
