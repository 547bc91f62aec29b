import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { validateUscc } from '@onething/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishment, marketApi, newKey, startMarket } from './helpers';

describe('market applications through their lifecycle, and what approvals change', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;
  let api: ReturnType<typeof marketApi>;
  let applicant: { idNumber: string; name: string };

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarket());
    api = marketApi(standIn.url);
    const p = population.persons.find((x) => x.birthDate < '1990-01-01' && x.divisionCode === '510104')!;
    applicant = { idNumber: p.idNumber, name: p.name };
  });
  afterAll(() => standIn.close());

  const submit = async (body: unknown) => {
    const res = await api.post('/api/applications', body, newKey());
    expect(res.status).toBe(201);
    return res.body.applicationNo as string;
  };
  const application = async (no: string) => (await api.get(`/api/applications/${no}`)).body;

  it('establishes a company: ACCEPTED → UNDER_REVIEW → APPROVED, issuing a USCC and a licence', async () => {
    const body = establishment(applicant);
    const no = await submit(body);
    const accepted = await application(no);
    expect(accepted).toMatchObject({
      applicationNo: no,
      itemCode: 'MKT-ESTABLISH',
      status: 'ACCEPTED',
      remarks: null,
      fieldsToSupplement: [],
      outcome: null,
    });
    expect(accepted.statusChangedAt).toBe(accepted.acceptedAt);

    await admin.advanceClock({ advanceHours: 1 });
    expect((await application(no)).status).toBe('UNDER_REVIEW');
    await admin.advanceClock({ advanceHours: 4 });
    const approved = await application(no);
    expect(approved.status).toBe('APPROVED');
    expect(approved.history.map((h: { status: string }) => h.status)).toEqual([
      'ACCEPTED',
      'UNDER_REVIEW',
      'APPROVED',
    ]);
    const uscc = approved.outcome.values.enterpriseUscc as string;
    expect(approved.outcome.documents).toEqual([
      { materialId: 'business-licence', documentNo: expect.stringMatching(/^YYZZ\d{14}$/) },
    ]);
    const v = validateUscc(uscc);
    expect(v).toMatchObject({
      ok: true,
      details: { authority: '9', entityType: '1', divisionCode: '510104' },
    });

    const enterprise = await api.get(`/api/enterprises/${uscc}`);
    expect(enterprise.body).toMatchObject({
      uscc,
      name: body.form.enterpriseName,
      entityType: 'COMPANY',
      legalRepresentative: applicant,
      registeredCapital: 50.00005,
      status: 'EXISTING',
      establishedDate: approved.statusChangedAt.slice(0, 10),
    });
    const mine = await api.get(`/api/enterprises?legalRepIdNumber=${applicant.idNumber}&pageSize=50`);
    expect(mine.body.items.map((e: { uscc: string }) => e.uscc)).toContain(uscc);
  });

  it('decides the USCC at submission but registers the enterprise only once approved', async () => {
    const no = await submit(establishment(applicant));
    const promised = standIn.ctx.cases.get(no)!.phases.at(-1)!.decision!.result!['enterprise.uscc']!;
    expect((await api.get(`/api/enterprises/${promised}`)).status).toBe(404);
    await admin.advanceClock({ advanceHours: 1 });
    expect((await application(no)).status).toBe('UNDER_REVIEW');
    expect((await api.get(`/api/enterprises/${promised}`)).status).toBe(404);
    await admin.advanceClock({ advanceHours: 4 });
    expect((await application(no)).outcome.values.enterpriseUscc).toBe(promised);
    expect((await api.get(`/api/enterprises/${promised}`)).status).toBe(200);
  });

  it('registers a sole trader under a type-2 USCC, represented by the applicant', async () => {
    const no = await submit({
      itemCode: 'MKT-ESTABLISH-INDIVIDUAL',
      applicant,
      form: {
        applicantPhone: '13900000000',
        enterpriseName: `锦江区${applicant.name}${newKey('s')}小吃店`,
        enterpriseRegisteredCapital: 30000,
        enterpriseAddress: '四川省成都市锦江区春熙路8号',
        enterpriseBusinessScope: '餐饮服务；食品销售',
        enterpriseEmployeeCount: 2,
      },
      materials: [
        { materialId: 'id-card', fileRef: 'id' },
        { materialId: 'premises-proof', fileRef: 'p' },
      ],
    });
    await admin.advanceClock({ advanceHours: 5 });
    const uscc = (await application(no)).outcome.values.enterpriseUscc;
    expect(uscc.slice(0, 2)).toBe('92');
    const e = (await api.get(`/api/enterprises/${uscc}`)).body;
    expect(e).toMatchObject({
      entityType: 'INDIVIDUAL',
      legalRepresentative: applicant,
      registeredCapital: 3,
    });
  });

  it('asks for a supplement of a vague business scope, takes it, and approves', async () => {
    const no = await submit(establishment(applicant, { enterpriseBusinessScope: '经营范围待定' }));
    await admin.advanceClock({ advanceHours: 5 });
    const asked = await application(no);
    expect(asked).toMatchObject({
      status: 'SUPPLEMENT_REQUIRED',
      fieldsToSupplement: ['enterpriseBusinessScope'],
      remarks: expect.stringContaining('经营范围'),
      outcome: null,
    });

    const path = `/api/applications/${no}/supplements`;
    const stray = await api.post(
      path,
      { form: { enterpriseBusinessScope: '软件开发', enterpriseName: 'x' } },
      newKey(),
    );
    expect(stray.status).toBe(400);
    expect(stray.body.error.details).toEqual([
      { field: 'form.enterpriseName', rule: 'unknown', reason: expect.any(String) },
    ]);
    const empty = await api.post(path, { form: {} }, newKey());
    expect(empty.body.error.details).toMatchObject([
      { field: 'form.enterpriseBusinessScope', rule: 'required' },
    ]);

    const key = newKey();
    const supplement = { form: { enterpriseBusinessScope: '软件开发；信息技术咨询服务' } };
    const done = await api.post(path, supplement, key);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ applicationNo: no, status: 'UNDER_REVIEW', fieldsToSupplement: [] });
    const replay = await api.post(path, supplement, key);
    expect([replay.status, replay.body]).toEqual([200, done.body]);
    expect((await api.post(path, { form: { enterpriseBusinessScope: '其他内容' } }, key)).status).toBe(422);
    const late = await api.post(path, supplement, newKey());
    expect([late.status, late.body.error.code]).toEqual([409, 'INVALID_STATE']);

    await admin.advanceClock({ advanceHours: 4 });
    const approved = await application(no);
    expect(approved.status).toBe('APPROVED');
    expect(approved.history.map((h: { status: string }) => h.status)).toEqual([
      'ACCEPTED',
      'UNDER_REVIEW',
      'SUPPLEMENT_REQUIRED',
      'UNDER_REVIEW',
      'APPROVED',
    ]);
    const e = await api.get(`/api/enterprises/${approved.outcome.values.enterpriseUscc}`);
    expect(e.body.businessScope).toBe('软件开发；信息技术咨询服务');
  });

  it('refuses a supplement nobody asked for (409) and one for an unknown application (404)', async () => {
    const no = await submit(establishment(applicant));
    const res = await api.post(`/api/applications/${no}/supplements`, { form: {} }, newKey());
    expect([res.status, res.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const unknown = await api.post(`/api/applications/${no}9/supplements`, { form: {} }, newKey());
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api.get(`/api/applications/${no}9`)).status).toBe(404);
  });

  const active = () =>
    population.enterprises.filter((e) => e.status === 'active' && e.kind === 'company').slice(-5);

  it('applies an approved change: the new name and address show in later reads', async () => {
    const e = active()[0]!;
    const newName = `${e.name.slice(0, 2)}更名${newKey('c')}有限公司`;
    const no = await submit({
      itemCode: 'MKT-CHANGE',
      applicant,
      form: {
        applicantPhone: '13800000000',
        enterpriseUscc: e.uscc,
        enterpriseName: e.name,
        enterpriseChangeDescription: '变更名称和住所',
        enterpriseNewName: newName,
        enterpriseNewAddress: '浙江省嘉兴市南湖区中山路9号',
      },
      materials: [
        { materialId: 'shareholder-resolution', fileRef: 'r' },
        { materialId: 'id-card', fileRef: 'i' },
      ],
    });
    expect((await api.get(`/api/enterprises/${e.uscc}`)).body.name).toBe(e.name);
    await admin.advanceClock({ advanceHours: 5 });
    const approved = await application(no);
    expect(approved.outcome).toEqual({
      values: {},
      documents: [{ materialId: 'change-notice', documentNo: expect.stringMatching(/^BGTZ/) }],
    });
    const after = (await api.get(`/api/enterprises/${e.uscc}`)).body;
    expect(after).toMatchObject({ name: newName, address: '浙江省嘉兴市南湖区中山路9号' });
    expect(after.lastModified).toBe(approved.statusChangedAt);
    const taken = await api.post(
      '/api/applications',
      establishment(applicant, { enterpriseName: newName }),
      newKey(),
    );
    expect(taken.body.error.code).toBe('NAME_TAKEN');
  });

  it('applies an approved deregistration: the enterprise reads DEREGISTERED and takes no more changes', async () => {
    const e = active()[1]!;
    const no = await submit({
      itemCode: 'MKT-DEREGISTER',
      applicant,
      form: {
        applicantPhone: '13800000000',
        enterpriseUscc: e.uscc,
        enterpriseName: e.name,
        enterpriseDeregistrationReason: 'dissolution',
        enterpriseLiquidationCompletedOn: '2026-05-31',
      },
      materials: [
        { materialId: 'shareholder-resolution', fileRef: 'r' },
        { materialId: 'liquidation-report', fileRef: 'l' },
        { materialId: 'tax-clearance-certificate', fileRef: 't' },
        { materialId: 'id-card', fileRef: 'i' },
      ],
    });
    await admin.advanceClock({ advanceHours: 5 });
    expect((await application(no)).outcome.documents[0].materialId).toBe('deregistration-notice');
    expect((await api.get(`/api/enterprises/${e.uscc}`)).body.status).toBe('DEREGISTERED');
    const again = await api.post(
      '/api/applications',
      {
        itemCode: 'MKT-DEREGISTER',
        applicant,
        form: {
          applicantPhone: '13800000000',
          enterpriseUscc: e.uscc,
          enterpriseName: e.name,
          enterpriseDeregistrationReason: 'dissolution',
          enterpriseLiquidationCompletedOn: '2026-05-31',
        },
        materials: [
          { materialId: 'shareholder-resolution', fileRef: 'r' },
          { materialId: 'liquidation-report', fileRef: 'l' },
          { materialId: 'tax-clearance-certificate', fileRef: 't' },
          { materialId: 'id-card', fileRef: 'i' },
        ],
      },
      newKey(),
    );
    expect([again.status, again.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('issues a USCC and registers the enterprise when an approval is forced without a result', async () => {
    const no = await submit(establishment(applicant, { enterpriseBusinessScope: '待定' }));
    await admin.decide(no, { outcome: 'approved' });
    const approved = await application(no);
    expect(approved.status).toBe('APPROVED');
    const uscc = approved.outcome.values.enterpriseUscc;
    expect(validateUscc(uscc).ok).toBe(true);
    expect(approved.outcome.documents.map((d: { materialId: string }) => d.materialId)).toEqual([
      'business-licence',
    ]);
    expect((await api.get(`/api/enterprises/${uscc}`)).body.status).toBe('EXISTING');
  });

  it('shows a denial as DENIED with its remarks, and frees the name it held', async () => {
    const name = `湖州驳回${newKey()}有限公司`;
    const no = await submit(establishment(applicant, { enterpriseName: name }));
    await admin.decide(no, { outcome: 'rejected', reason: '住所不符合规定' });
    expect(await application(no)).toMatchObject({
      status: 'DENIED',
      remarks: '住所不符合规定',
      outcome: null,
    });
    expect(
      (await api.post('/api/applications', establishment(applicant, { enterpriseName: name }), newKey()))
        .status,
    ).toBe(201);
  });
});
