import type { KeyObject } from 'node:crypto';
import {
  type AdapterHooks,
  batchLoader,
  type CaseState,
  type CaseSubmission,
  type ClientSettings,
  type DepartmentAdapter,
  DepartmentClient,
  documentPublicKey,
  type FieldValues,
  freeOfChargeAssessment,
  type IssuedDocument,
  type ItemSpec,
  requireIdentifiers,
  verifiedDocument,
  type WireResponse,
} from '@onething/adapter-core';
import type DataLoader from 'dataloader';
import type { z } from 'zod';
import { caseAnswer, caseListAnswer } from './cases';
import { catalogueAnswer } from './catalogue';
import { documentsAnswer, uncheckedDocument } from './documents';
import { dataOf, readEnvelope } from './envelope';
import { FUND_FEES } from './fees';
import { wireForm } from './form';
import {
  accountsAnswer,
  type EmployerAccount,
  employersAnswer,
  type FundAccount,
  type FundLoan,
  loansAnswer,
} from './records';
import { serialOf } from './serial';
import { signedForm } from './signature';

/** Keys the fund reads in one call at most (每次最多30条). */
export const FUND_BATCH_LIMIT = 30;

export interface FundAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** The app id the fund knows this caller by (`appid`). */
  readonly appId: string;
  /** The app's secret, the HMAC key of every signature. */
  readonly appSecret: string;
  /** The fund's public key its documents are signed with (its development key's when not given). */
  readonly documentPublicKey?: KeyObject;
}

/** Per-request loaders of the fund's reads; each batches up to 30 keys per call. */
export interface FundLoaders {
  readonly accountsByIdNumber: DataLoader<string, FundAccount | null>;
  readonly employerAccountsByUscc: DataLoader<string, EmployerAccount | null>;
  /** Loans on a real-estate unit; null when there is none. */
  readonly loansByUnitCode: DataLoader<string, FundLoan[] | null>;
  /** Loans of a borrower; null when there is none. */
  readonly loansByIdNumber: DataLoader<string, FundLoan[] | null>;
}

/** The fund's adapter: the department contract plus its own reads. */
export interface FundAdapter extends DepartmentAdapter {
  accountsByIdNumber(ids: readonly string[]): Promise<Map<string, FundAccount>>;
  employerAccountsByUscc(usccs: readonly string[]): Promise<Map<string, EmployerAccount>>;
  loansByUnitCode(unitCodes: readonly string[]): Promise<Map<string, FundLoan[]>>;
  loansByIdNumber(ids: readonly string[]): Promise<Map<string, FundLoan[]>>;
  loaders(): FundLoaders;
}

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const normalise = (key: string) => key.trim().toUpperCase();
const groupBy = <T>(list: readonly T[], key: (t: T) => string) => {
  const out = new Map<string, T[]>();
  for (const t of list) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
};

/**
 * Builds the housing provident fund's adapter (住房公积金). Every call is a form POST to
 * `/gjj/api/<service>`, signed afresh for each attempt; reads are batched 30 keys a call and retried by
 * the core; submissions and corrections are never retried, and are idempotent at the fund by `qqlsh`.
 */
export function createFundAdapter(options: FundAdapterOptions): FundAdapter {
  const client = new DepartmentClient('fund', options.client, options.hooks);
  const app = { appId: options.appId, appSecret: options.appSecret };
  const documentKey = options.documentPublicKey ?? documentPublicKey('fund');

  function call<T>(
    service: string,
    kind: 'read' | 'write',
    params: Record<string, string>,
    interpret: (res: WireResponse) => T,
  ): Promise<T> {
    return client.call({
      op: service,
      kind,
      method: 'POST',
      path: `/gjj/api/${service}`,
      request: () => ({
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: signedForm(params, app),
      }),
      interpret,
    });
  }
  const answer =
    <T>(service: string, schema: z.ZodType<T>) =>
    (res: WireResponse) =>
      dataOf(client, service, readEnvelope(client, service, res), schema);

  /** Reads keys in calls of at most 30, in parallel; answers the records found. */
  async function readMany<T>(
    service: string,
    param: string,
    keys: readonly string[],
    schema: z.ZodType<{ list: T[] }>,
  ): Promise<T[]> {
    const unique = [...new Set(keys)];
    const pages = await Promise.all(
      chunks(unique, FUND_BATCH_LIMIT).map((page) =>
        call(service, 'read', { [param]: page.join(',') }, answer(service, schema)),
      ),
    );
    return pages.flatMap((p) => p.list);
  }

  /** A loader whose keys are normalised the way the fund answers them, so a lower-case `x` still matches. */
  function loader<V>(
    read: (keys: readonly string[]) => Promise<Map<string, V>>,
  ): DataLoader<string, V | null> {
    return batchLoader<V>({
      maxBatchSize: FUND_BATCH_LIMIT,
      normalise,
      load: async (keys) => {
        const found = await read(keys);
        return new Map(keys.flatMap((k) => (found.has(normalise(k)) ? [[k, found.get(normalise(k))!]] : [])));
      },
    });
  }

  const adapter: FundAdapter = {
    department: 'fund',

    async accountsByIdNumber(ids) {
      const keys = requireIdentifiers('fund', 'grzhcx', 'idNumber', ids);
      if (keys.length === 0) return new Map();
      const list = await readMany('grzhcx', 'zjhm', keys, accountsAnswer);
      return new Map(list.map((a) => [a.idNumber, a]));
    },

    async employerAccountsByUscc(usccs) {
      const keys = requireIdentifiers('fund', 'dwzhcx', 'uscc', usccs);
      if (keys.length === 0) return new Map();
      const list = await readMany('dwzhcx', 'tyshxydm', keys, employersAnswer);
      return new Map(list.map((e) => [e.uscc, e]));
    },

    async loansByUnitCode(unitCodes) {
      const keys = requireIdentifiers('fund', 'dkcx', 'unitCode', unitCodes);
      if (keys.length === 0) return new Map();
      return groupBy(await readMany('dkcx', 'bdcdyh', keys, loansAnswer), (l) => l.unitCode);
    },

    async loansByIdNumber(ids) {
      const keys = requireIdentifiers('fund', 'dkcx', 'idNumber', ids);
      if (keys.length === 0) return new Map();
      return groupBy(await readMany('dkcx', 'zjhm', keys, loansAnswer), (l) => l.idNumber);
    },

    loaders() {
      return {
        accountsByIdNumber: loader((keys) => adapter.accountsByIdNumber(keys)),
        employerAccountsByUscc: loader((keys) => adapter.employerAccountsByUscc(keys)),
        loansByUnitCode: loader((keys) => adapter.loansByUnitCode(keys)),
        loansByIdNumber: loader((keys) => adapter.loansByIdNumber(keys)),
      };
    },

    async listItems(): Promise<ItemSpec[]> {
      return (await call('sxcx', 'read', {}, answer('sxcx', catalogueAnswer))).list;
    },

    async submitCase(s: CaseSubmission): Promise<CaseState> {
      const [applicantId] = requireIdentifiers('fund', 'ywsl', 'idNumber', [s.applicant.idNumber]);
      const params = {
        qqlsh: serialOf(s.idempotencyKey),
        sxbm: s.itemCode,
        sqrzjhm: applicantId!,
        sqrxm: s.applicant.name,
        ...wireForm('ywsl', s.fields),
        cl: JSON.stringify(s.materials.map((m) => ({ clbm: m.id, wjid: m.reference }))),
      };
      return call('ywsl', 'write', params, answer('ywsl', caseAnswer));
    },

    async getCase(caseNumber: string): Promise<CaseState | null> {
      return call('ywcx', 'read', { slbh: caseNumber }, (res) => {
        const env = readEnvelope(client, 'ywcx', res);
        return env.fhm === 'E3003' ? null : dataOf(client, 'ywcx', env, caseAnswer);
      });
    },

    async getDocuments(caseNumber: string): Promise<IssuedDocument[] | null> {
      // E3003: no such case; E3006: not approved yet, nothing issued.
      const read = await call('zzcx', 'read', { slbh: caseNumber }, (res) => {
        const env = readEnvelope(client, 'zzcx', res);
        if (env.fhm === 'E3003') return null;
        if (env.fhm === 'E3006') return [];
        return dataOf(client, 'zzcx', env, documentsAnswer).list.map(uncheckedDocument);
      });
      return (
        read?.map(({ doc, signedText }) => verifiedDocument('fund', 'zzcx', documentKey, doc, signedText)) ??
        null
      );
    },

    async findCase(itemCode: string, idempotencyKey: string): Promise<CaseState | null> {
      const { list } = await call(
        'ywcx',
        'read',
        { qqlsh: serialOf(idempotencyKey), sxbm: itemCode },
        answer('ywcx', caseListAnswer),
      );
      return list.at(-1) ?? null;
    },

    async correctCase(caseNumber: string, fields: FieldValues, idempotencyKey: string): Promise<CaseState> {
      const params = { slbh: caseNumber, qqlsh: serialOf(idempotencyKey), ...wireForm('bzsl', fields) };
      return call('bzsl', 'write', params, answer('bzsl', caseAnswer));
    },

    // No call to the system: there is nothing to compute (data/fees.json).
    assessFees: async (request) => freeOfChargeAssessment(FUND_FEES, request),
    close() {
      client.close();
    },
  };
  return adapter;
}
