import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { establishment, marketApi, newKey, startMarket, unknownUscc } from './helpers';

describe('market applications: what the window refuses at once', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;
  let api: ReturnType<typeof marketApi>;
  let applicant: { idNumber: string; name: string };

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarket());
    api = marketApi(standIn.url);
    const p = population.persons.find((x) => x.birthDate < '1990-01-01')!;
    applicant = { idNumber: p.idNumber, name: p.name };
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  const fields = (res: { body: { error: { details: { field: string; rule: string }[] } } }) =>
    res.body.error.details.map((d) => `${d.field}:${d.rule}`);

  it('accepts a valid establishment with 201 and an SCJG number of the day', async () => {
    const res = await api.post('/api/applications', establishment(applicant), newKey());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      applicationNo: expect.stringMatching(/^SCJG\d{8}\d{6}$/),
      status: 'ACCEPTED',
      acceptedAt: expect.stringMatching(/\+08:00$/),
    });
    expect(res.headers.get('location')).toBe(`/api/applications/${res.body.applicationNo}`);
    const day = new Date(Date.parse(res.body.acceptedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(res.body.applicationNo.slice(4, 12)).toBe(day.replaceAll('-', ''));
  });

  it('names every bad field at once: missing, malformed, out of range, unknown, and missing materials', async () => {
    const body = establishment(applicant, {
      enterpriseName: undefined,
      enterpriseRegisteredCapital: 100.555,
      enterpriseLegalRepIdNumber: '110105194912310021',
      enterpriseEmployeeCount: -1,
      applicantPhone: '12345',
      enterpriseColour: 'red',
    });
    body.materials = body.materials.filter((m) => m.materialId !== 'premises-proof');
    const res = await api.post('/api/applications', body, newKey());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fields(res).sort()).toEqual(
      [
        'form.enterpriseColour:unknown',
        'form.applicantPhone:pattern',
        'form.enterpriseName:required',
        'form.enterpriseRegisteredCapital:money',
        'form.enterpriseLegalRepIdNumber:GB11643.checkCharacter',
        'form.enterpriseEmployeeCount:min',
        'materials[premises-proof]:required',
      ].sort(),
    );
    expect(await admin.cases({ item: 'MKT-ESTABLISH', applicant: applicant.idNumber })).toHaveLength(1);
  });

  it('refuses an unknown item code and a bad applicant', async () => {
    const res = await api.post(
      '/api/applications',
      { itemCode: 'MKT-NOTHING', applicant: { idNumber: '123', name: '' }, form: {} },
      newKey(),
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual([
      'itemCode:unknown',
      'applicant.idNumber:GB11643.format',
      'applicant.name:required',
    ]);
  });

  it('refuses a form whose applicant disagrees with the applicant', async () => {
    const other = population.persons[1]!;
    const res = await api.post(
      '/api/applications',
      establishment(applicant, { applicantIdNumber: other.idNumber }),
      newKey(),
    );
    expect(fields(res)).toEqual(['form.applicantIdNumber:mismatch']);
  });

  it('requires an Idempotency-Key of 8 to 128 characters', async () => {
    const none = await api.post('/api/applications', establishment(applicant));
    expect(none.status).toBe(400);
    expect(fields(none)).toEqual(['Idempotency-Key:required']);
    const short = await api.post('/api/applications', establishment(applicant), 'short');
    expect(fields(short)).toEqual(['Idempotency-Key:format']);
  });

  it('refuses a name already registered, whatever its spacing and case, with 409 NAME_TAKEN', async () => {
    const taken = population.enterprises.find((e) => e.kind === 'company')!.name;
    const res = await api.post(
      '/api/applications',
      establishment(applicant, { enterpriseName: `  ${taken} ` }),
      newKey(),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'NAME_TAKEN',
      message: expect.stringContaining('名称已被占用'),
      details: [{ field: 'form.enterpriseName' }],
    });
    const latin = establishment(applicant, { enterpriseName: 'Huzhou ACME Tech 有限公司' });
    expect((await api.post('/api/applications', latin, newKey())).status).toBe(201);
    const again = establishment(applicant, { enterpriseName: 'huzhou acme tech 有限公司' });
    expect((await api.post('/api/applications', again, newKey())).body.error.code).toBe('NAME_TAKEN');
  });

  it('refuses a change of an unknown enterprise with 404 and of a deregistered one with 409', async () => {
    const gone = population.enterprises.find((e) => e.status === 'deregistered')!;
    const change = (uscc: string) => ({
      itemCode: 'MKT-CHANGE',
      applicant,
      form: {
        applicantPhone: '13800000000',
        enterpriseUscc: uscc,
        enterpriseName: 'x',
        enterpriseChangeDescription: '变更住所',
        enterpriseNewAddress: '浙江省湖州市吴兴区红旗路2号',
      },
      materials: [
        { materialId: 'shareholder-resolution', fileRef: 'r' },
        { materialId: 'id-card', fileRef: 'i' },
      ],
    });
    const unknown = await api.post('/api/applications', change(unknownUscc()), newKey());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const deregistered = await api.post('/api/applications', change(gone.uscc), newKey());
    expect(deregistered.status).toBe(409);
    expect(deregistered.body.error.code).toBe('INVALID_STATE');
  });
});

describe('market applications: idempotency at the wire', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let api: ReturnType<typeof marketApi>;
  let applicant: { idNumber: string; name: string };

  beforeAll(async () => {
    let population: Population;
    ({ standIn, admin, population } = await startMarket());
    api = marketApi(standIn.url);
    applicant = { idNumber: population.persons[3]!.idNumber, name: population.persons[3]!.name };
  });
  afterAll(() => standIn.close());

  it('answers the same key and body again with 200 and the same answer, making one case', async () => {
    const key = newKey();
    const body = establishment(applicant);
    const first = await api.post('/api/applications', body, key);
    // The same body with its keys in another order is the same request.
    const reordered = {
      materials: body.materials,
      form: body.form,
      applicant: body.applicant,
      itemCode: body.itemCode,
    };
    const second = await api.post('/api/applications', reordered, key);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toEqual(first.body);
    expect(await admin.cases({ ref: key })).toHaveLength(1);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = newKey();
    await api.post('/api/applications', establishment(applicant), key);
    const res = await api.post('/api/applications', establishment(applicant), key);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await admin.cases({ ref: key })).toHaveLength(1);
  });

  it('lets a refused request’s key be used again once the request is put right', async () => {
    const key = newKey();
    const bad = await api.post(
      '/api/applications',
      establishment(applicant, { enterpriseEmployeeCount: 'x' }),
      key,
    );
    expect(bad.status).toBe(400);
    expect((await api.post('/api/applications', establishment(applicant), key)).status).toBe(201);
  });

  it('finds the application by its key, and nothing for an unknown key', async () => {
    const key = newKey();
    const made = await api.post('/api/applications', establishment(applicant), key);
    const found = await api.get(`/api/applications?idempotencyKey=${encodeURIComponent(key)}`);
    expect(found.body.items.map((a: { applicationNo: string }) => a.applicationNo)).toEqual([
      made.body.applicationNo,
    ]);
    expect((await api.get(`/api/applications?idempotencyKey=${newKey()}`)).body).toEqual({ items: [] });
    expect((await api.get('/api/applications')).status).toBe(400);
  });

  it('holds a name for an application in progress, so a second cannot take it', async () => {
    const name = `湖州占用${newKey()}有限公司`;
    expect(
      (await api.post('/api/applications', establishment(applicant, { enterpriseName: name }), newKey()))
        .status,
    ).toBe(201);
    const second = await api.post(
      '/api/applications',
      establishment(applicant, { enterpriseName: name }),
      newKey(),
    );
    expect(second.body.error.code).toBe('NAME_TAKEN');
  });
});
