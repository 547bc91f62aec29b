import { casesOf, graphql } from '../case';
import type { CorpusContext } from './context';

const BAD_CHECK = '110105194912310021'; // the check character should be X
const PERSON = 'query P($id: IdNumber!) { person(idNumber: $id) { idNumber } }';
const ENTERPRISE = 'query E($u: USCC!) { enterprise(uscc: $u) { name } }';
const PROPERTY = 'query U($u: UnitCode!) { property(unitCode: $u) { address } }';
const invalid = (rule?: string) => ({ status: 200, code: 'INVALID_INPUT', ...(rule ? { rule } : {}) });
const validation = { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' };

/**
 * Identifiers of the one schema that are not: resident ID numbers, credit codes and unit codes that break
 * their national standard (as variables, as literals, as the wrong JSON type), and scalars, enums and
 * numbers written wrong. The hall's ids and codes, and the one form's identifier fields, are in
 * form-identifiers.ts.
 */
export const identifiers = (ctx: CorpusContext) => {
  const t = ctx.tokens;
  return casesOf('identifiers', [
    {
      name: 'IdNumber: wrong check character',
      ...graphql(PERSON, { id: BAD_CHECK }, t.citizen),
      expect: invalid('GB11643.checkCharacter'),
    },
    {
      name: 'IdNumber: wrong check character, as a literal',
      ...graphql(`{ person(idNumber: "${BAD_CHECK}") { idNumber } }`, {}, t.citizen),
      expect: invalid('GB11643.checkCharacter'),
    },
    {
      name: 'IdNumber: 31 February',
      ...graphql(PERSON, { id: '110105199902310026' }, t.citizen),
      expect: invalid('GB11643.birthDate'),
    },
    {
      name: 'IdNumber: 17 characters',
      ...graphql(PERSON, { id: '11010519491231002' }, t.citizen),
      expect: invalid(),
    },
    {
      name: 'IdNumber: 19 characters',
      ...graphql(PERSON, { id: '11010519491231002X1' }, t.citizen),
      expect: invalid(),
    },
    {
      name: 'IdNumber: letters inside',
      ...graphql(PERSON, { id: '1101051949ABCD002X' }, t.citizen),
      expect: invalid(),
    },
    {
      name: 'IdNumber: full-width digits',
      ...graphql(PERSON, { id: '１１０１０５１９４９１２３１００２X' }, t.citizen),
      expect: invalid(),
    },
    {
      name: 'IdNumber: spaces inside',
      ...graphql(PERSON, { id: '110105 19491231 002X' }, t.citizen),
      expect: invalid(),
    },
    { name: 'IdNumber: empty', ...graphql(PERSON, { id: '' }, t.citizen), expect: invalid() },
    {
      name: 'IdNumber: a JSON number',
      ...graphql(PERSON, { id: 110105194912310020 }, t.citizen),
      expect: invalid('IdNumber.type'),
    },
    {
      name: 'IdNumber: an int literal',
      ...graphql('{ person(idNumber: 123) { idNumber } }', {}, t.citizen),
      expect: invalid('IdNumber.type'),
    },
    {
      name: 'IdNumber: an operator object',
      ...graphql(PERSON, { id: { $gt: '' } }, t.citizen),
      expect: invalid('IdNumber.type'),
    },
    {
      name: 'IdNumber: an array',
      ...graphql(PERSON, { id: ['11010519491231002X'] }, t.citizen),
      expect: invalid('IdNumber.type'),
    },
    {
      name: 'IdNumber: null where required',
      ...graphql(PERSON, { id: null }, t.citizen),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
    { name: 'IdNumber: SQL', ...graphql(PERSON, { id: "' OR '1'='1" }, t.citizen), expect: invalid() },
    {
      name: 'IdNumber in the audit trail filter',
      ...graphql(
        'query A($id: IdNumber) { auditRecords(subjectIdNumber: $id) { id } }',
        { id: BAD_CHECK },
        t['window-staff'],
      ),
      expect: invalid('GB11643.checkCharacter'),
    },
    {
      name: 'USCC: wrong check character',
      ...graphql(ENTERPRISE, { u: '91330100716105852G' }, t['legal-rep']),
      expect: invalid('GB32100.checkCharacter'),
    },
    {
      name: 'USCC: a letter the code never uses (I)',
      ...graphql(ENTERPRISE, { u: '9133010071610585IF' }, t['legal-rep']),
      expect: invalid('GB32100.charset'),
    },
    {
      name: 'USCC: 17 characters',
      ...graphql(ENTERPRISE, { u: '9133010071610585F' }, t['legal-rep']),
      expect: invalid('GB32100.length'),
    },
    {
      name: 'USCC: as a literal, lower case with a space',
      ...graphql('{ enterprise(uscc: "91330100 716105852f") { name } }', {}, t['legal-rep']),
      expect: invalid(),
    },
    {
      name: 'USCC for prefill',
      ...graphql(
        'mutation { prefillForm(bundleCode: "START-BUSINESS", enterpriseUscc: "91330100716105852G") { id } }',
        {},
        t['legal-rep'],
      ),
      expect: invalid('GB32100.checkCharacter'),
    },
    {
      name: 'UnitCode: 27 characters',
      ...graphql(PROPERTY, { u: '330502001002GB00012F0003001' }, t['staff-realestate']),
      expect: invalid('GBT37346.length'),
    },
    {
      name: 'UnitCode: a parcel type that does not exist',
      ...graphql(PROPERTY, { u: '330502001002QQ00012F00030012' }, t['staff-realestate']),
      expect: invalid(),
    },
    {
      name: 'UnitCode: one bad among good in a list',
      ...graphql(
        'query P($u: [UnitCode!]!) { properties(unitCodes: $u) { address } }',
        { u: ['330502001002GB00012F00030012', 'x'] },
        t['staff-realestate'],
      ),
      expect: invalid(),
    },
    {
      name: 'DateTime: "yesterday"',
      ...graphql('{ flaggedParts(asOf: "yesterday") { flag } }', {}, t['window-staff']),
      expect: invalid(),
    },
    {
      name: 'DateTime: month 13',
      ...graphql(
        'query F($d: DateTime) { flaggedParts(asOf: $d) { flag } }',
        { d: '2026-13-45T00:00:00Z' },
        t['window-staff'],
      ),
      expect: invalid(),
    },
    {
      name: 'Department: one that does not exist',
      ...graphql('{ deadLetteredParts(department: POLICE) { id } }', {}, t['window-staff']),
      expect: validation,
    },
    {
      name: 'SatisfactionBy: a value it lacks',
      ...graphql('{ satisfaction(by: PERSON) { key } }', {}, t['window-staff']),
      expect: validation,
    },
    {
      name: 'Int: 2^31 as a limit',
      ...graphql('{ whoReadMyData(limit: 2147483648) { id } }', {}, t.applicant),
      expect: validation,
    },
    {
      name: 'Int: a string as a limit',
      ...graphql('query W($l: Int) { whoReadMyData(limit: $l) { id } }', { l: 'ten' }, t.applicant),
      expect: { status: 400, code: 'BAD_USER_INPUT' },
    },
  ]);
};
