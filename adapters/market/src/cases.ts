import {
  AdapterError,
  type CaseState,
  type CaseSubmission,
  type DepartmentClient,
  type FieldValues,
  requireIdentifiers,
} from '@onething/adapter-core';
import { failure, parseBody, refusalBody } from './answers';
import type { Catalogue } from './catalogue';
import { CASE_STATUS, toCaseState, toIsoInstant } from './codec';
import { encodeForm } from './form-encoding';
import {
  type WireFormField,
  wireApplicationListSchema,
  wireApplicationSchema,
  wireSubmitAnswerSchema,
} from './records';

type Problems = NonNullable<AdapterError['details']['problems']>;

function invalid(op: string, problems: Problems): AdapterError {
  return new AdapterError(
    'INVALID_INPUT',
    'market',
    op,
    `${problems.length} invalid value(s): ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
    { problems },
  );
}

/** The wire takes keys of 8–128 visible ASCII characters; a key it would refuse is refused here. */
function checkKey(op: string, key: string): void {
  if (!/^[\x21-\x7e]{8,128}$/.test(key)) {
    throw invalid(op, [
      {
        path: 'idempotencyKey',
        rule: 'format',
        message: {
          zh: '幂等键应为8至128个可见ASCII字符',
          en: 'an idempotency key is 8 to 128 visible ASCII characters',
        },
      },
    ]);
  }
}

/** Applications (申请) and supplements (补正) of the market system, idempotent by Idempotency-Key. */
export class MarketCases {
  constructor(
    private readonly client: DepartmentClient,
    private readonly headers: () => Record<string, string>,
    private readonly catalogue: Catalogue,
  ) {}

  private json(key: string, body: unknown) {
    return () => ({
      headers: { ...this.headers(), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  }

  async submit(s: CaseSubmission): Promise<CaseState> {
    const op = 'applications.submit';
    checkKey(op, s.idempotencyKey);
    const [applicantId] = requireIdentifiers('market', op, 'idNumber', [s.applicant.idNumber]);
    const item = (await this.catalogue.get()).find((i) => i.itemCode === s.itemCode);
    // An item the catalogue does not list is still sent: the department is the one to refuse it.
    const fields = new Map<string, WireFormField>((item?.formFields ?? []).map((f) => [f.semanticKey, f]));
    const { form, problems } = encodeForm(s.fields, fields);
    if (problems.length > 0) throw invalid(op, problems);
    const accepted = item ? new Set(item.materials.map((m) => m.materialId)) : undefined;
    const body = {
      itemCode: s.itemCode,
      applicant: { idNumber: applicantId, name: s.applicant.name },
      form,
      materials: s.materials
        .filter((m) => !accepted || accepted.has(m.id))
        .map((m) => ({ materialId: m.id, fileRef: m.reference })),
    };
    return this.client.call({
      op,
      kind: 'write',
      method: 'POST',
      path: '/api/applications',
      request: this.json(s.idempotencyKey, body),
      interpret: (res) => {
        if (res.status !== 200 && res.status !== 201) throw failure(this.client, op, res);
        const a = parseBody(res, wireSubmitAnswerSchema);
        const at = toIsoInstant(a.acceptedAt);
        return {
          department: 'market',
          caseNumber: a.applicationNo,
          itemCode: s.itemCode,
          // The key answers the application made for this very request (another is IDEMPOTENCY_KEY_REUSED).
          applicantIdNumber: applicantId ?? s.applicant.idNumber,
          status: CASE_STATUS[a.status],
          statusAt: at,
          acceptedAt: at,
        } satisfies CaseState;
      },
    });
  }

  async get(caseNumber: string): Promise<CaseState | null> {
    const op = 'applications.get';
    return this.client.call({
      op,
      kind: 'read',
      method: 'GET',
      path: `/api/applications/${encodeURIComponent(caseNumber)}`,
      request: () => ({ headers: this.headers() }),
      interpret: (res) => {
        if (res.status === 200) return toCaseState(parseBody(res, wireApplicationSchema));
        if (res.status === 404 && refusalBody(res).code === 'NOT_FOUND') return null;
        throw failure(this.client, op, res);
      },
    });
  }

  async find(itemCode: string, idempotencyKey: string): Promise<CaseState | null> {
    const op = 'applications.find';
    return this.client.call({
      op,
      kind: 'read',
      method: 'GET',
      path: `/api/applications?idempotencyKey=${encodeURIComponent(idempotencyKey)}`,
      request: () => ({ headers: this.headers() }),
      interpret: (res) => {
        if (res.status !== 200) throw failure(this.client, op, res);
        const found = parseBody(res, wireApplicationListSchema).items.find((a) => a.itemCode === itemCode);
        return found ? toCaseState(found) : null;
      },
    });
  }

  async correct(caseNumber: string, values: FieldValues, idempotencyKey: string): Promise<CaseState> {
    const op = 'applications.supplement';
    checkKey(op, idempotencyKey);
    // Any item's fields will do: a semantic key has one wire code and one type across the catalogue.
    const fields = new Map<string, WireFormField>();
    for (const item of await this.catalogue.get())
      for (const f of item.formFields) fields.set(f.semanticKey, f);
    const { form, problems } = encodeForm(values, fields, true);
    if (problems.length > 0) throw invalid(op, problems);
    return this.client.call({
      op,
      kind: 'write',
      method: 'POST',
      path: `/api/applications/${encodeURIComponent(caseNumber)}/supplements`,
      request: this.json(idempotencyKey, { form }),
      interpret: (res) => {
        if (res.status !== 200 && res.status !== 201) throw failure(this.client, op, res);
        return toCaseState(parseBody(res, wireApplicationSchema));
      },
    });
  }
}
