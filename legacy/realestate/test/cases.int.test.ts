import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { childOf, childrenOf, type XmlElement } from '@onething/runtime/xml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nonOwners, person, soleOwnerUnits, transferFields, UNREGISTERED_UNIT } from './fixtures';
import { applicationXml, call, faultOf, many, startRegistry, textAt } from './helpers';

const HOUR = 3_600_000;
let refSeq = 0;
const newRef = () => `test-ref-${process.pid}-${++refSeq}`;
const units = [...soleOwnerUnits];
const buyers = [...nonOwners];
const takeUnit = () => units.shift()!;
const takeBuyer = () => buyers.shift()!;

describe('the registry’s cases', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  beforeAll(async () => ({ standIn: s, admin } = await startRegistry()));
  afterAll(() => s.close());
  beforeEach(() => admin.reset());

  const submit = (a: Parameters<typeof applicationXml>[0]) =>
    call(s.url, 'SubmitApplication', applicationXml(a));
  const transfer = (
    unit = takeUnit(),
    buyer = takeBuyer(),
    overrides: Record<string, string> = {},
    ref = newRef(),
  ) =>
    submit({
      ref,
      itemCode: 'RE-TRANSFER',
      applicant: { idNumber: buyer.idNumber, name: buyer.name },
      fields: transferFields(unit, buyer, overrides),
      materials: { 'id-card': 'file-1', 'sale-contract': 'file-2' },
    });
  const mortgage = (unitCode: string, applicant: { idNumber: string; name: string; phone: string }) =>
    submit({
      ref: newRef(),
      itemCode: 'RE-MORTGAGE',
      applicant,
      fields: {
        ApplicantIdNumber: applicant.idNumber,
        ApplicantName: applicant.name,
        ApplicantPhone: applicant.phone,
        PropertyUnitCode: unitCode,
        MortgageMortgagee: '湖州银行',
        MortgageAmount: '800000.00',
        MortgageTermMonths: '240',
      },
    });
  const caseNumberOf = (a: { body: XmlElement }) => textAt(a.body, 'CaseNumber')!;
  const query = async (caseNumber: string) =>
    childOf((await call(s.url, 'QueryApplication', many('CaseNumber', [caseNumber]))).body, 'Application')!;
  const unit = async (code: string) =>
    childOf((await call(s.url, 'QueryUnits', many('UnitCode', [code]))).body, 'Unit')!;
  const ownersOf = (u: XmlElement) =>
    childrenOf(childOf(u, 'Owners')!, 'Owner').map((o) => textAt(o, 'IdNumber'));

  describe('submission refusals, at once and in the protocol’s way', () => {
    it('BDC-3001 for an unknown item', async () => {
      const b = takeBuyer();
      const f = faultOf(await submit({ ref: newRef(), itemCode: 'RE-DEMOLITION', applicant: b, fields: {} }));
      expect(f).toMatchObject({ faultcode: 'soap:Client', code: 'BDC-3001' });
    });

    it('BDC-1002 listing every problem: reference, missing and malformed fields, unknown material', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const fields: Record<string, string> = transferFields(u, b, {
        TransactionPrice: '1234567',
        TransactionContractNumber: 'bad number',
        BuyerMaritalStatus: 'engaged',
        Colour: 'blue',
      });
      delete fields.SellerIdNumber;
      const f = faultOf(
        await submit({
          ref: 'short',
          itemCode: 'RE-TRANSFER',
          applicant: b,
          fields,
          materials: { 'business-licence': 'file-9' },
        }),
      );
      expect(f?.code).toBe('BDC-1002');
      expect(f!.problems.map((p) => [p.field, p.rule]).sort()).toEqual(
        [
          ['BuyerMaritalStatus', 'enum'],
          ['Colour', 'unknown'],
          ['ExternalReference', 'length'],
          ['Material[1]', 'unknown'],
          ['SellerIdNumber', 'required'],
          ['TransactionContractNumber', 'pattern'],
          ['TransactionPrice', 'money'],
        ].sort(),
      );
      expect(await admin.cases({ applicant: b.idNumber })).toEqual([]);
    });

    it('BDC-1002 when the form’s applicant is not the Applicant', async () => {
      const u = takeUnit();
      const [b, other] = [takeBuyer(), takeBuyer()];
      const f = faultOf(
        await submit({
          ref: newRef(),
          itemCode: 'RE-TRANSFER',
          applicant: other,
          fields: transferFields(u, b),
        }),
      );
      expect(f?.problems.map((p) => p.field)).toEqual(['ApplicantIdNumber', 'ApplicantName']);
    });

    it('BDC-2001 for a unit the registry never registered', async () => {
      const b = takeBuyer();
      const u = { ...takeUnit(), unitCode: UNREGISTERED_UNIT };
      const f = faultOf(await transfer(u, b));
      expect(f).toMatchObject({ faultcode: 'soap:Client', code: 'BDC-2001' });
    });
  });

  describe('non-idempotent submissions', () => {
    it('makes two cases of the same ExternalReference submitted twice, and lists both by it', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const ref = newRef();
      const first = caseNumberOf(await transfer(u, b, {}, ref));
      const second = caseNumberOf(await transfer(u, b, {}, ref));
      expect(second).not.toBe(first);
      const found = await call(s.url, 'QueryApplicationsByReference', many('ExternalReference', [ref]));
      expect(childrenOf(found.body, 'Application').map((a) => textAt(a, 'CaseNumber'))).toEqual([
        first,
        second,
      ]);
      expect((await admin.counts()).byOp).toMatchObject({
        SubmitApplication: 2,
        QueryApplicationsByReference: 1,
      });
    });

    it('lists no case for a reference never submitted', async () => {
      const found = await call(s.url, 'QueryApplicationsByReference', many('ExternalReference', [newRef()]));
      expect(found.body).toMatchObject({ name: 'QueryApplicationsByReferenceResponse', children: [] });
    });
  });

  describe('a case through its lifecycle on the registry’s clock', () => {
    it('is accepted, reviewed and registered, issuing a new certificate the unit then shows', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const accepted = await transfer(u, b);
      const caseNumber = caseNumberOf(accepted);
      expect(caseNumber).toMatch(/^BDC\d{4}\d{8}$/);
      expect(textAt(accepted.body, 'Status')).toBe('YISHOULI');
      expect(textAt(accepted.body, 'AcceptedTime')).toMatch(/^\d{14}$/);

      await admin.advanceClock({ advanceMs: HOUR / 2 });
      expect(textAt(await query(caseNumber), 'Status')).toBe('SHENHEZHONG');
      await admin.advanceClock({ advanceHours: 4 });
      const done = await query(caseNumber);
      const issued = childOf(childOf(done, 'Result')!, 'Value')!;
      expect(textAt(done, 'Status')).toBe('YIDENGBU');
      expect(issued.attrs['key']).toBe('PropertyCertificate');
      expect(issued.text).toMatch(/不动产权第\d{7}号$/);
      expect(childrenOf(childOf(done, 'History')!, 'Step').map((h) => textAt(h, 'Status'))).toEqual([
        'YISHOULI',
        'SHENHEZHONG',
        'YIDENGBU',
      ]);

      const after = await unit(u.unitCode);
      expect(ownersOf(after)).toEqual([b.idNumber]);
      expect(textAt(after, 'CertificateNumber')).toBe(issued.text);
      const buyerUnits = await call(s.url, 'QueryUnitsByOwner', many('IdNumber', [b.idNumber]));
      expect(childrenOf(buyerUnits.body, 'UnitCode').map((c) => c.text)).toEqual([u.unitCode]);
      const sellerUnits = await call(s.url, 'QueryUnitsByOwner', many('IdNumber', [u.ownerIdNumbers[0]!]));
      expect(childrenOf(sellerUnits.body, 'UnitCode').map((c) => c.text)).not.toContain(u.unitCode);
    });

    it('refuses a transfer whose seller is not the registered owner (不予登记)', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const stranger = takeBuyer();
      const caseNumber = caseNumberOf(await transfer(u, b, { SellerIdNumber: stranger.idNumber }));
      await admin.advanceClock({ advanceHours: 5 });
      const done = await query(caseNumber);
      expect([textAt(done, 'Status'), textAt(done, 'Reason')]).toEqual([
        'BUYUDENGJI',
        '出卖人不是登记的权利人',
      ]);
      expect(ownersOf(await unit(u.unitCode))).toEqual(u.ownerIdNumbers);
    });

    it('asks for a correction of a wrong certificate number, takes it, and then registers the transfer', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const caseNumber = caseNumberOf(
        await transfer(u, b, { PropertyCertificateNumber: '浙(2020)吴兴区不动产权第0000000号' }),
      );
      const correct = (form: string) =>
        call(s.url, 'SubmitCorrection', `${many('CaseNumber', [caseNumber])}<reg:Form>${form}</reg:Form>`);
      const fix = `<reg:Field code="PropertyCertificateNumber">${u.certificateNumber}</reg:Field>`;

      expect(faultOf(await correct(fix))).toMatchObject({ code: 'BDC-3004' }); // nothing requested yet
      await admin.advanceClock({ advanceHours: 5 });
      const asked = await query(caseNumber);
      expect(textAt(asked, 'Status')).toBe('XUBUZHENG');
      expect(childrenOf(childOf(asked, 'CorrectionFields')!, 'Field').map((f) => f.attrs['code'])).toEqual([
        'PropertyCertificateNumber',
      ]);

      expect(faultOf(await correct('<reg:Field code="PropertyArea">12</reg:Field>'))).toMatchObject({
        code: 'BDC-1002',
        problems: [{ field: 'PropertyArea', rule: 'decimal' }],
      });
      const corrected = childOf((await correct(fix)).body, 'Application')!;
      expect(textAt(corrected, 'Status')).toBe('SHENHEZHONG');
      expect(faultOf(await correct(fix))).toMatchObject({ code: 'BDC-3004' }); // not twice
      await admin.advanceClock({ advanceHours: 5 });
      expect(textAt(await query(caseNumber), 'Status')).toBe('YIDENGBU');
      expect(ownersOf(await unit(u.unitCode))).toEqual([b.idNumber]);
    });

    it('BDC-3003 for an unknown case, queried or corrected', async () => {
      expect(
        faultOf(await call(s.url, 'QueryApplication', many('CaseNumber', ['BDC202699999999'])))?.code,
      ).toBe('BDC-3003');
      const f = await call(
        s.url,
        'SubmitCorrection',
        `${many('CaseNumber', ['BDC202699999999'])}<reg:Form><reg:Field code="ApplicantPhone">13800000000</reg:Field></reg:Form>`,
      );
      expect(faultOf(f)?.code).toBe('BDC-3003');
    });
  });

  describe('mortgages and record queries', () => {
    it('registers the mortgage of the new owner after the transfer, keeping the seller’s mortgages', async () => {
      const u = takeUnit();
      const b = takeBuyer();
      const t = caseNumberOf(await transfer(u, b));
      await admin.advanceClock({ advanceHours: 1 });
      // Submitted before the transfer is registered: decided on the book as it stands when it comes due.
      const m = caseNumberOf(await mortgage(u.unitCode, b));
      await admin.advanceClock({ advanceHours: 3.5 });
      expect(textAt(await query(t), 'Status')).toBe('YIDENGBU');
      await admin.advanceClock({ advanceHours: 1 });
      const done = await query(m);
      expect(textAt(done, 'Status')).toBe('YIDENGBU');
      expect(childOf(childOf(done, 'Result')!, 'Value')!.attrs['key']).toBe('RegistrationCertificate');
      const mortgages = childrenOf(childOf(await unit(u.unitCode), 'Mortgages')!, 'Mortgage');
      expect(mortgages.map((x) => [textAt(x, 'Mortgagee'), textAt(x, 'AmountYuan')])).toEqual([
        ['湖州银行', '800000.00'],
      ]);
      expect(textAt(mortgages[0]!, 'EndDate')!.slice(0, 4)).toBe(
        String(Number(textAt(mortgages[0]!, 'RegisteredDate')!.slice(0, 4)) + 20),
      );
    });

    it('refuses a mortgage whose applicant does not own the unit (抵押人不是权利人)', async () => {
      const u = takeUnit();
      const m = caseNumberOf(await mortgage(u.unitCode, takeBuyer()));
      await admin.advanceClock({ advanceHours: 5 });
      expect(textAt(await query(m), 'Reason')).toBe('抵押人不是权利人');
      expect(childrenOf(childOf(await unit(u.unitCode), 'Mortgages')!, 'Mortgage')).toHaveLength(0);
    });

    it('answers a record query of the owner and refuses anyone else’s', async () => {
      const u = takeUnit();
      const owner = person(u.ownerIdNumbers[0]!);
      const stranger = takeBuyer();
      const ask = (who: typeof owner) =>
        submit({
          ref: newRef(),
          itemCode: 'RE-RECORD-QUERY',
          applicant: who,
          fields: {
            ApplicantIdNumber: who.idNumber,
            ApplicantName: who.name,
            ApplicantPhone: who.phone,
            PropertyUnitCode: u.unitCode,
          },
        });
      const mine = caseNumberOf(await ask(owner));
      const theirs = caseNumberOf(await ask(stranger));
      await admin.advanceClock({ advanceHours: 5 });
      expect(textAt(await query(mine), 'Status')).toBe('YIDENGBU');
      expect(textAt(await query(theirs), 'Status')).toBe('BUYUDENGJI');
    });
  });
});
