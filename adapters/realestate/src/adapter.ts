import type { KeyObject } from 'node:crypto';
import {
  AdapterError,
  type AdapterHooks,
  type CaseState,
  type CaseSubmission,
  type ClientSettings,
  type DepartmentAdapter,
  DepartmentClient,
  documentPublicKey,
  type FieldValues,
  type ItemSpec,
  isAdapterError,
  requireIdentifiers,
  Semaphore,
} from '@onething/adapter-core';
import { el } from '@onething/runtime/xml';
import { validateResidentId } from '@onething/schema';
import { caseState, correctionReceived, firstOf } from './cases';
import { type CatalogueItem, catalogueItem } from './catalogue';
import { certificatesOf } from './certificates';
import { assessFeesAnswer } from './fees';
import { type InputProblem, wireForm } from './form';
import { type RealestateLoaders, registryLoaders, UNITS_PER_QUERY } from './loaders';
import {
  applicationsAnswer,
  listItemsAnswer,
  oneApplicationAnswer,
  type Property,
  queryUnitsAnswer,
  submitAnswer,
  unitsByOwnerAnswer,
  type WireCase,
} from './records';
import { parsed, RegistryCalls } from './registry-client';

/** Length the registry allows its ExternalReference, which carries the idempotency key. */
const REFERENCE_LENGTH = { min: 8, max: 128 } as const;
const DEPARTMENT = 'realestate';

export interface RealestateAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** Name of the calling system, sent in every request's `bdc:Caller` header. */
  readonly caller?: string;
  /** QueryUnitsByOwner calls in flight at most, across all requests of the process (it reads one key a call). */
  readonly ownerLookupConcurrency?: number;
  /**
   * How long the registry may go on making a case after a submission of it timed out (default 30 s):
   * the caller is asked, by `retryAfterSeconds`, to send it again only after this, when the look-up by
   * reference that starts every submission finds the case instead of making a second one.
   */
  readonly settleMs?: number;
  /** The registry's public key its certificates are signed with (its development key's when not given). */
  readonly documentPublicKey?: KeyObject;
}

/** The registry's adapter: the cases every department has, plus its reads. */
export interface RealestateAdapter extends DepartmentAdapter {
  readonly department: 'realestate';
  /** Units by code (any number; ≤ 20 per call), keyed by normalised code; unknown units are absent. */
  properties(unitCodes: readonly string[]): Promise<Map<string, Property>>;
  /** Codes of the units a person owns, alone or jointly. */
  unitsOwnedBy(idNumber: string): Promise<string[]>;
  /** A fresh set of loaders for one request. */
  loaders(): RealestateLoaders;
}

function invalid(op: string, problems: InputProblem[]): AdapterError {
  return new AdapterError(
    'INVALID_INPUT',
    DEPARTMENT,
    op,
    `${problems.length} invalid value(s): ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
    { problems },
  );
}

/**
 * A write that timed out, looked for and not found: the registry may still be processing it, and a resend
 * now would make a second case (it does not deduplicate). The same error, asking to wait `ms` first.
 */
function holdBack(e: unknown, ms: number): unknown {
  if (!isAdapterError(e, 'DEPARTMENT_TIMEOUT')) return e;
  const prefix = `${e.department}: ${e.operation}: `;
  const why = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AdapterError(
    e.code,
    e.department,
    e.operation,
    `${why}; the registry has nothing under the reference yet but may still be making it: send it again only after ${seconds} s`,
    { ...e.details, retryAfterSeconds: Math.max(seconds, e.details.retryAfterSeconds ?? 0) },
    { cause: e },
  );
}

/** Whether a failed write may still have reached the registry (so it must be looked for before anything else). */
function mayHaveArrived(e: unknown): boolean {
  return !(isAdapterError(e, 'DEPARTMENT_REJECTED') || isAdapterError(e, 'INVALID_INPUT'));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/**
 * The adapter of the real-estate registry (不动产登记). The registry cannot deduplicate submissions, so
 * the adapter does: a submission first looks for a case under its idempotency key (the registry's
 * ExternalReference) and returns it when there is one; a submission that ends without a clear answer
 * is looked for again before its error is reported. See README.md.
 */
export function createRealestateAdapter(options: RealestateAdapterOptions): RealestateAdapter {
  const client = new DepartmentClient(DEPARTMENT, options.client, options.hooks);
  const calls = new RegistryCalls(client, options.caller ?? 'onething');
  const documentKey = options.documentPublicKey ?? documentPublicKey(DEPARTMENT);
  const ownerLookups = new Semaphore(options.ownerLookupConcurrency ?? 4);
  const settleMs = options.settleMs ?? 30_000;
  let catalogue: Promise<Map<string, CatalogueItem>> | undefined;

  async function fetchCatalogue(): Promise<Map<string, CatalogueItem>> {
    const items = await calls.call('ListItems', 'read', [], parsed(listItemsAnswer));
    return new Map(items.map((w) => [w.ItemCode, catalogueItem(w)]));
  }
  /** The catalogue, fetched once and kept: it maps the domain's keys to the registry's codes. */
  function catalogueNow(): Promise<Map<string, CatalogueItem>> {
    if (!catalogue) {
      const pending = fetchCatalogue();
      catalogue = pending;
      pending.catch(() => {
        if (catalogue === pending) catalogue = undefined;
      });
    }
    return catalogue;
  }
  const problemPath = (item: CatalogueItem | undefined) => (field: string) => {
    const key = item?.keyByCode.get(field);
    return key ? `fields.${key}` : field;
  };

  async function properties(unitCodes: readonly string[]): Promise<Map<string, Property>> {
    const codes = [...new Set(requireIdentifiers(DEPARTMENT, 'QueryUnits', 'unitCode', unitCodes))];
    const answers = await Promise.all(
      chunks(codes, UNITS_PER_QUERY).map((batch) =>
        calls.call(
          'QueryUnits',
          'read',
          batch.map((c) => el('bdc:UnitCode', c)),
          parsed(queryUnitsAnswer),
        ),
      ),
    );
    return new Map(answers.flat().map((p) => [p.unitCode, p]));
  }

  async function unitsOwnedBy(idNumber: string): Promise<string[]> {
    const [id] = requireIdentifiers(DEPARTMENT, 'QueryUnitsByOwner', 'idNumber', [idNumber]);
    return calls.call('QueryUnitsByOwner', 'read', [el('bdc:IdNumber', id!)], parsed(unitsByOwnerAnswer));
  }

  async function queryCase(caseNumber: string): Promise<WireCase> {
    return calls.call(
      'QueryApplication',
      'read',
      [el('bdc:CaseNumber', caseNumber)],
      parsed(oneApplicationAnswer),
    );
  }

  /** The case the registry holds under a reference for the item, if any. */
  async function lookup(itemCode: string, reference: string): Promise<CaseState | null> {
    const found = firstOf(
      await calls.call(
        'QueryApplicationsByReference',
        'read',
        [el('bdc:ExternalReference', reference)],
        parsed(applicationsAnswer),
      ),
      itemCode,
    );
    return found ? caseState(found, (await catalogueNow()).get(itemCode)) : null;
  }

  async function submitCase(s: CaseSubmission): Promise<CaseState> {
    const op = 'SubmitApplication';
    const problems: InputProblem[] = [];
    const keyLength = [...s.idempotencyKey].length;
    if (keyLength < REFERENCE_LENGTH.min || keyLength > REFERENCE_LENGTH.max) {
      problems.push({
        path: 'idempotencyKey',
        rule: 'length',
        message: {
          zh: `外部编号应为${REFERENCE_LENGTH.min}至${REFERENCE_LENGTH.max}个字符`,
          en: `the registry takes references of ${REFERENCE_LENGTH.min} to ${REFERENCE_LENGTH.max} characters`,
        },
      });
    }
    const applicant = validateResidentId(s.applicant.idNumber);
    if (!applicant.ok) {
      for (const p of applicant.problems) problems.push({ path: 'applicant.idNumber', ...p });
    }
    if (problems.length > 0) throw invalid(op, problems);

    const item = (await catalogueNow()).get(s.itemCode);
    // The registry's form repeats the applicant; the hall sends it apart.
    const fields: FieldValues = {
      ...(item?.fieldsByKey.has('applicant.idNumber') ? { 'applicant.idNumber': s.applicant.idNumber } : {}),
      ...(item?.fieldsByKey.has('applicant.name') ? { 'applicant.name': s.applicant.name } : {}),
      ...s.fields,
    };
    const form = wireForm(item, fields, problems);
    if (problems.length > 0) throw invalid(op, problems);

    const existing = await lookup(s.itemCode, s.idempotencyKey);
    if (existing) return existing;

    const materials = s.materials
      .filter((m) => !item || item.spec.materials.some((spec) => spec.id === m.id))
      .map((m) => el('bdc:Material', undefined, { id: m.id, ref: m.reference }));
    const content = [
      el('bdc:ExternalReference', s.idempotencyKey),
      el('bdc:ItemCode', s.itemCode),
      el('bdc:Applicant', [
        el('bdc:IdNumber', applicant.ok ? applicant.value : ''),
        el('bdc:Name', s.applicant.name),
      ]),
      el('bdc:Form', form),
      el('bdc:Materials', materials),
    ];
    try {
      const a = await calls.call(op, 'write', content, parsed(submitAnswer), problemPath(item));
      return {
        department: DEPARTMENT,
        caseNumber: a.caseNumber,
        itemCode: s.itemCode,
        applicantIdNumber: applicant.ok ? applicant.value : s.applicant.idNumber,
        status: a.status,
        statusAt: a.acceptedAt,
        acceptedAt: a.acceptedAt,
      };
    } catch (e) {
      if (!mayHaveArrived(e)) throw e;
      // Timed out, cut off, unreadable: the registry may have made the case all the same.
      const found = await lookup(s.itemCode, s.idempotencyKey).catch(() => null);
      if (found) return found;
      throw holdBack(e, settleMs);
    }
  }

  async function correctCase(
    caseNumber: string,
    fields: FieldValues,
    _idempotencyKey: string,
  ): Promise<CaseState> {
    const op = 'SubmitCorrection';
    const current = await queryCase(caseNumber);
    const item = (await catalogueNow()).get(current.itemCode);
    // SubmitCorrection carries no reference: a case that moved on from its last request for a
    // correction has received one, so a repeated correction is answered with the case, not sent again.
    if (correctionReceived(current)) return caseState(current, item);
    const problems: InputProblem[] = [];
    const form = wireForm(item, fields, problems);
    if (form.length === 0 && problems.length === 0) {
      problems.push({
        path: 'fields',
        rule: 'required',
        message: { zh: '补正内容为空', en: `no field of item ${current.itemCode} to correct` },
      });
    }
    if (problems.length > 0) throw invalid(op, problems);
    const content = [el('bdc:CaseNumber', caseNumber), el('bdc:Form', form)];
    try {
      return caseState(
        await calls.call(op, 'write', content, parsed(oneApplicationAnswer), problemPath(item)),
        item,
      );
    } catch (e) {
      if (!mayHaveArrived(e)) throw e;
      const again = await queryCase(caseNumber).catch(() => undefined);
      if (again && correctionReceived(again)) return caseState(again, item);
      throw holdBack(e, settleMs);
    }
  }

  return {
    department: DEPARTMENT,
    async listItems(): Promise<ItemSpec[]> {
      const fresh = fetchCatalogue();
      const items = await fresh;
      catalogue = fresh;
      return [...items.values()].map((c) => c.spec);
    },
    submitCase,
    async getCase(caseNumber) {
      if (!caseNumber || caseNumber.length > 64) return null;
      try {
        const w = await queryCase(caseNumber);
        return caseState(w, (await catalogueNow()).get(w.itemCode));
      } catch (e) {
        if (isAdapterError(e, 'DEPARTMENT_REJECTED') && e.details.departmentCode === 'BDC-3003') return null;
        throw e;
      }
    },
    async getDocuments(caseNumber) {
      if (!caseNumber || caseNumber.length > 64) return null;
      return certificatesOf(calls, documentKey, caseNumber);
    },
    async findCase(itemCode, idempotencyKey) {
      if (!idempotencyKey || idempotencyKey.length > REFERENCE_LENGTH.max) return null;
      return lookup(itemCode, idempotencyKey);
    },
    correctCase,
    async assessFees(request) {
      const op = 'AssessFees';
      const codes = [...new Set(request.itemCodes)];
      const book = await catalogueNow();
      const problems: InputProblem[] = [];
      // One field per code: the items of a bundle share the keys they have in common.
      const form = new Map<string, string>();
      for (const code of codes)
        for (const f of wireForm(book.get(code), request.values, problems)) form.set(f, f);
      if (problems.length > 0) throw invalid(op, problems);
      const content = [...codes.map((c) => el('bdc:ItemCode', c)), el('bdc:Form', [...form.keys()])];
      // A read: the registry makes no case, so a failed assessment is retried like any read.
      const items = codes.map((c) => book.get(c));
      const pathOf = (field: string) =>
        items.map((i) => problemPath(i)(field)).find((p) => p !== field) ?? field;
      return calls.call(op, 'read', content, parsed(assessFeesAnswer), pathOf);
    },
    properties,
    unitsOwnedBy,
    loaders: () => registryLoaders({ properties, unitsOwnedBy, ownerLookups }),
    close() {
      client.close();
    },
  };
}
