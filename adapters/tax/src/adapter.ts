import type { KeyObject } from 'node:crypto';
import {
  type AdapterHooks,
  type BreakerState,
  batchLoader,
  type CaseState,
  type CaseSubmission,
  type ClientSettings,
  type DepartmentAdapter,
  DepartmentClient,
  documentPublicKey,
  type FeeAssessment,
  type FeeRequest,
  type FieldValues,
  type IssuedDocument,
  type ItemSpec,
  requireIdentifiers,
  verifiedDocument,
  type WireResponse,
} from '@onething/adapter-core';
import type DataLoader from 'dataloader';
import { readAnswer, readData } from './answers';
import { caseState, needsCodeBook } from './cases';
import { CodeBook, itemSpec, itemsData } from './catalogue';
import { documentsData, taxSignedText, uncheckedDocument } from './documents';
import { feeAssessment, feeAssessmentData } from './fees';
import { encodeFields, submissionBody } from './forms';
import { isRequestId, requireRequestId, requireTaxpayerIds } from './identifiers';
import { checkingKeys, chunks } from './loaders';
import {
  casesData,
  type DeedTaxRecord,
  deedTaxData,
  submittedData,
  type Taxpayer,
  taxpayersData,
  type WireCase,
  wireCaseSchema,
} from './records';

/** Keys per batch query the tax system accepts. */
export const TAX_BATCH_LIMIT = 50;

/** How to reach the tax system: client settings, metrics hooks, and the API key it issued to us. */
export interface TaxAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** Sent as `X-Api-Key`; the tax system's `TAX_API_KEYS` must know it. */
  readonly apiKey: string;
  /** The tax bureau's public key its documents are signed with (its development key's when not given). */
  readonly documentPublicKey?: KeyObject;
}

/** Per-request loaders of the tax reads: N keys cost ⌈N / 50⌉ calls. */
export interface TaxLoaders {
  /** By resident ID number or USCC; `null` when the tax system holds no such taxpayer. */
  readonly taxpayers: DataLoader<string, Taxpayer | null>;
  /** By unit code: every deed tax paid on the unit, oldest first (`[]` when none). */
  readonly deedTaxByUnit: DataLoader<string, DeedTaxRecord[] | null>;
  /** By the payer's ID number: every deed tax the person paid, oldest first (`[]` when none). */
  readonly deedTaxByPayer: DataLoader<string, DeedTaxRecord[] | null>;
}

/** The tax adapter: the department contract plus the tax system's reads. */
export interface TaxAdapter extends DepartmentAdapter {
  readonly department: 'tax';
  readonly breakerState: BreakerState;
  taxpayers(ids: readonly string[]): Promise<Map<string, Taxpayer>>;
  deedTaxByUnit(unitCodes: readonly string[]): Promise<Map<string, DeedTaxRecord[]>>;
  deedTaxByPayer(idNumbers: readonly string[]): Promise<Map<string, DeedTaxRecord[]>>;
  /** A fresh set of loaders; make one per GraphQL request. */
  loaders(): TaxLoaders;
}

const JSON_TYPE = 'application/json';

/** Builds the adapter of the tax system (税务) over one shared, resilient client. */
export function createTaxAdapter(options: TaxAdapterOptions): TaxAdapter {
  const client = new DepartmentClient('tax', options.client, options.hooks);
  const documentKey = options.documentPublicKey ?? documentPublicKey('tax');
  const headers = (extra: Record<string, string> = {}) => ({
    'x-api-key': options.apiKey,
    accept: JSON_TYPE,
    ...extra,
  });

  async function batchQuery<T>(
    op: string,
    path: string,
    body: object,
    read: (res: WireResponse) => T,
  ): Promise<T> {
    const payload = JSON.stringify(body);
    return client.call({
      op,
      kind: 'read',
      method: 'POST',
      path,
      request: () => ({ headers: headers({ 'content-type': JSON_TYPE }), body: payload }),
      interpret: read,
    });
  }

  async function taxpayers(ids: readonly string[]): Promise<Map<string, Taxpayer>> {
    const op = 'taxpayers.query';
    const keys = [...new Set(requireTaxpayerIds(op, ids))];
    const found = await Promise.all(
      chunks(keys, TAX_BATCH_LIMIT).map((chunk) =>
        batchQuery(op, '/api/v1/taxpayers/batch-query', { taxpayer_ids: chunk }, (res) =>
          readData(client, op, res, taxpayersData),
        ),
      ),
    );
    return new Map(found.flatMap((d) => d.taxpayers).map((t) => [t.taxpayerId, t]));
  }

  async function deedTax(
    by: 'unit' | 'payer',
    input: readonly string[],
  ): Promise<Map<string, DeedTaxRecord[]>> {
    const op = 'deed_tax.query';
    const keys = [...new Set(requireIdentifiers('tax', op, by === 'unit' ? 'unitCode' : 'idNumber', input))];
    const found = await Promise.all(
      chunks(keys, TAX_BATCH_LIMIT).map((chunk) =>
        batchQuery(
          op,
          '/api/v1/deed-tax/batch-query',
          by === 'unit' ? { unit_codes: chunk } : { payer_id_numbers: chunk },
          (res) => readData(client, op, res, deedTaxData),
        ),
      ),
    );
    const out = new Map(keys.map((k): [string, DeedTaxRecord[]] => [k, []]));
    for (const r of found.flatMap((d) => d.records))
      out.get(by === 'unit' ? r.unitCode : r.payerIdNumber)?.push(r);
    return out;
  }

  async function fetchItems() {
    return client.call({
      op: 'items.list',
      kind: 'read',
      method: 'GET',
      path: '/api/v1/items',
      request: () => ({ headers: headers() }),
      interpret: (res) => readData(client, 'items.list', res, itemsData).items,
    });
  }

  // The catalogue's code book, fetched when a case's result first needs it and kept; refetched once when
  // a result names a code it does not list (the catalogue changed), never kept when the fetch failed.
  let book: Promise<CodeBook> | undefined;
  const codeBook = (refresh = false): Promise<CodeBook> => {
    if (!book || refresh) {
      const pending = fetchItems().then((items) => new CodeBook(items));
      pending.catch(() => {
        if (book === pending) book = undefined;
      });
      book = pending;
    }
    return book;
  };

  async function toState(c: WireCase): Promise<CaseState> {
    if (!needsCodeBook(c)) return caseState(c);
    let b = await codeBook();
    if (Object.keys(c.result).some((code) => !b.has(code))) b = await codeBook(true);
    return caseState(c, b);
  }

  const caseCall = <T>(
    op: string,
    method: 'GET' | 'POST',
    path: string,
    read: (res: WireResponse) => T,
    write?: { key: string; body: string },
  ) =>
    client.call({
      op,
      kind: write ? 'write' : 'read',
      method,
      path,
      request: () =>
        write
          ? { headers: headers({ 'content-type': JSON_TYPE, 'x-request-id': write.key }), body: write.body }
          : { headers: headers() },
      interpret: read,
    });

  return {
    department: 'tax',
    get breakerState() {
      return client.breakerState;
    },
    taxpayers,
    deedTaxByUnit: (codes) => deedTax('unit', codes),
    deedTaxByPayer: (ids) => deedTax('payer', ids),

    loaders: () => ({
      taxpayers: checkingKeys(
        batchLoader({ maxBatchSize: TAX_BATCH_LIMIT, load: taxpayers }),
        (k) => requireTaxpayerIds('taxpayers.query', [k])[0]!,
      ),
      deedTaxByUnit: checkingKeys(
        batchLoader({ maxBatchSize: TAX_BATCH_LIMIT, load: (keys) => deedTax('unit', keys) }),
        (k) => requireIdentifiers('tax', 'deed_tax.query', 'unitCode', [k])[0]!,
      ),
      deedTaxByPayer: checkingKeys(
        batchLoader({ maxBatchSize: TAX_BATCH_LIMIT, load: (keys) => deedTax('payer', keys) }),
        (k) => requireIdentifiers('tax', 'deed_tax.query', 'idNumber', [k])[0]!,
      ),
    }),

    async listItems(): Promise<ItemSpec[]> {
      const items = await fetchItems();
      book = Promise.resolve(new CodeBook(items));
      return items.map(itemSpec);
    },

    async submitCase(s: CaseSubmission): Promise<CaseState> {
      const op = 'cases.submit';
      const key = requireRequestId(op, s.idempotencyKey);
      const body = JSON.stringify(submissionBody(op, s));
      const d = await caseCall(
        op,
        'POST',
        '/api/v1/cases',
        (res) => readData(client, op, res, submittedData),
        {
          key,
          body,
        },
      );
      return {
        department: 'tax',
        caseNumber: d.case_no,
        itemCode: s.itemCode,
        // The system answers a request id with the case made for that very request (another body → 3005).
        applicantIdNumber: s.applicant.idNumber,
        status: d.status_code,
        statusAt: d.accepted_time,
        acceptedAt: d.accepted_time,
      };
    },

    async getCase(caseNumber: string): Promise<CaseState | null> {
      const op = 'cases.get';
      const path = `/api/v1/cases/${encodeURIComponent(caseNumber)}`;
      const c = await caseCall(op, 'GET', path, (res) =>
        readAnswer(client, op, res, wireCaseSchema, ['3003']),
      );
      return c ? toState(c) : null;
    },

    async findCase(itemCode: string, idempotencyKey: string): Promise<CaseState | null> {
      // A key the system cannot take as a request id never made a case there.
      if (!isRequestId(idempotencyKey)) return null;
      const op = 'cases.find';
      const path = `/api/v1/cases?request_id=${encodeURIComponent(idempotencyKey)}`;
      const { cases } = await caseCall(op, 'GET', path, (res) => readData(client, op, res, casesData));
      const made = cases.filter((c) => c.item_code === itemCode).at(-1);
      return made ? toState(made) : null;
    },

    async correctCase(caseNumber: string, fields: FieldValues, idempotencyKey: string): Promise<CaseState> {
      const op = 'cases.correct';
      const key = requireRequestId(op, idempotencyKey);
      const body = JSON.stringify({ form: encodeFields(op, fields) });
      const path = `/api/v1/cases/${encodeURIComponent(caseNumber)}/corrections`;
      const c = await caseCall(op, 'POST', path, (res) => readData(client, op, res, wireCaseSchema), {
        key,
        body,
      });
      return toState(c);
    },

    async getDocuments(caseNumber: string): Promise<IssuedDocument[] | null> {
      const op = 'documents.list';
      const path = `/api/v1/cases/${encodeURIComponent(caseNumber)}/documents`;
      // 3003: no such case (null); 3006: not approved yet, so nothing issued ([]).
      const listed = await caseCall(op, 'GET', path, (res) => {
        const d = readAnswer(client, op, res, documentsData, ['3003', '3006']);
        if (d) return d;
        const { code } = JSON.parse(res.body.toString('utf8')) as { code: string };
        return code === '3006' ? { documents: [] } : null;
      });
      if (!listed) return null;
      return Promise.all(
        listed.documents.map(async (d) => {
          const fileOp = 'documents.file';
          const content = await client.call({
            op: fileOp,
            kind: 'read',
            method: 'GET',
            path: `/api/v1/documents/${encodeURIComponent(d.doc_no)}/file`,
            request: () => ({ headers: headers({ accept: 'application/pdf' }) }),
            interpret: (res) => {
              // A refusal comes in the envelope; the file itself is the bytes.
              const type = String(res.headers['content-type'] ?? '');
              if (res.status === 200 && type.startsWith('application/pdf')) return res.body;
              readData(client, fileOp, res, documentsData);
              throw new Error(`the file of ${d.doc_no} came as ${type}`);
            },
          });
          return verifiedDocument('tax', op, documentKey, uncheckedDocument(d, content), taxSignedText(d));
        }),
      );
    },

    async assessFees(request: FeeRequest): Promise<FeeAssessment> {
      const op = 'fees.assess';
      const body = { item_codes: [...new Set(request.itemCodes)], form: encodeFields(op, request.values) };
      // A read: the system records nothing, so a failed assessment is retried like any read.
      const d = await batchQuery(op, '/api/v1/fee-assessments', body, (res) =>
        readData(client, op, res, feeAssessmentData),
      );
      return feeAssessment(d);
    },

    close: () => client.close(),
  };
}
