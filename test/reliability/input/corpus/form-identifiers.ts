import { casesOf, graphql } from '../case';
import { asHall, type CorpusContext, spoiled } from './context';

const SUBMIT =
  'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code message { zh en } } } }';
const GRANT_DELEGATION =
  'mutation G($i: DelegationInput!) { grantDelegation(input: $i) { delegation { id } problems { field code message { zh en } } } }';
/** A delegation right in every way but what a case spoils. */
const delegation = (over: Record<string, unknown>) => ({
  agentIdNumber: '11010519491231002X',
  agentName: '张三',
  bundleCodes: ['HOUSE-TRANSFER'],
  validUntil: new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
  ...over,
});
const invalid = (rule?: string) => ({ status: 200, code: 'INVALID_INPUT', ...(rule ? { rule } : {}) });

/**
 * The hall's identifiers that are not: ids that cannot be its UUIDs, codes of bundles, items, options and
 * scopes that do not exist, a delegation's agent, scope and power of attorney that cannot be, and the one form's identifier fields spoiled one at a time in a form that is
 * otherwise right (so that only the spoiled value can refuse it).
 */
export const formIdentifiers = (ctx: CorpusContext) => {
  const t = ctx.tokens;
  const submitWith = (key: string, value: string) =>
    graphql(
      SUBMIT,
      {
        i: {
          bundleCode: 'HOUSE-TRANSFER',
          values: spoiled(ctx, key, value),
          materials: ctx.applicant.materials,
        },
      },
      t.applicant,
    );
  return casesOf('identifiers', [
    {
      name: 'application id: not a UUID',
      ...graphql('{ application(id: "42") { id } }', {}, t.applicant),
      expect: invalid('id.format'),
    },
    {
      name: 'application id: SQL',
      ...graphql(`{ application(id: "x' OR '1'='1") { id } }`, {}, t['window-staff']),
      expect: invalid('id.format'),
    },
    {
      name: 'application id of a correction: a path',
      ...graphql(
        'mutation { correctApplication(applicationId: "../../etc/passwd", partId: "x", values: []) { problems { code } } }',
        {},
        t.applicant,
      ),
      expect: invalid('id.format'),
    },
    {
      name: 'part id of a correction: cut short',
      ...graphql(
        `mutation { correctApplication(applicationId: "${ctx.applicant.applicationId}", partId: "${ctx.applicant.partId.slice(0, 20)}", values: []) { problems { code } } }`,
        {},
        t.applicant,
      ),
      expect: invalid('id.format'),
    },
    {
      name: 'application id of a rating: empty',
      ...graphql('mutation { rateApplication(applicationId: "", level: 5) { id } }', {}, t.applicant),
      expect: invalid('id.format'),
    },
    {
      name: 'part id of a retry: a case number',
      ...graphql('mutation { retryPart(partId: "SW20261122000001") { id } }', {}, t['window-staff']),
      expect: invalid('id.format'),
    },
    {
      name: 'consent id: a number',
      ...graphql('mutation { revokeConsent(consentId: "1") { id } }', {}, t.applicant),
      expect: invalid('id.format'),
    },
    {
      name: 'prefill id: not a UUID',
      ...graphql(
        '{ checkForm(bundleCode: "HOUSE-TRANSFER", values: [], prefillId: "latest") { valid } }',
        {},
        t.applicant,
      ),
      expect: invalid('id.format'),
    },
    {
      name: 'bundle code that does not exist (consent)',
      ...graphql(
        'mutation { grantConsent(bundleCode: "BUY-A-CASTLE", scopes: ["tax"]) { id } }',
        {},
        t.applicant,
      ),
      expect: invalid('bundle.unknown'),
    },
    {
      name: 'bundle code that does not exist (submission)',
      ...graphql(SUBMIT, { i: { bundleCode: 'house-transfer', values: [] } }, t.applicant),
      expect: invalid('bundle.unknown'),
    },
    {
      name: 'bundle code that does not exist (prefill)',
      ...graphql('mutation { prefillForm(bundleCode: "") { id } }', {}, t.applicant),
      expect: invalid('bundle.unknown'),
    },
    {
      name: 'delegation id of a revocation: not a UUID',
      ...graphql('mutation { revokeDelegation(delegationId: "1 OR 1=1") { id } }', {}, t.applicant),
      expect: invalid('id.format'),
    },
    {
      name: 'a delegation’s bundle that does not exist',
      ...graphql(GRANT_DELEGATION, { i: delegation({ bundleCodes: ["HOUSE-TRANSFER'; --"] }) }, t.applicant),
      expect: { status: 200, rule: 'bundle.unknown', field: 'bundleCodes' },
    },
    {
      name: 'a delegation to oneself',
      ...graphql(GRANT_DELEGATION, { i: delegation({ agentIdNumber: ctx.applicant.idNumber }) }, t.applicant),
      expect: { status: 200, rule: 'delegation.agentIsPrincipal', field: 'agentIdNumber' },
    },
    {
      name: 'a delegation’s power of attorney: someone else’s upload',
      ...graphql(
        GRANT_DELEGATION,
        { i: delegation({ powerOfAttorneyUploadId: ctx.otherUploadId }) },
        t.applicant,
      ),
      expect: { status: 200, rule: 'material.uploadUnknown', field: 'powerOfAttorneyUploadId' },
    },
    {
      name: 'a delegation’s power of attorney: not an id',
      ...graphql(
        GRANT_DELEGATION,
        { i: delegation({ powerOfAttorneyUploadId: '../../etc/passwd' }) },
        t.applicant,
      ),
      expect: { status: 200, rule: 'material.uploadUnknown', field: 'powerOfAttorneyUploadId' },
    },
    {
      name: 'an option the bundle lacks',
      ...graphql(
        '{ checkForm(bundleCode: "HOUSE-TRANSFER", options: ["yacht"], values: []) { valid problems { field code message { zh en } } } }',
        {},
        t.applicant,
      ),
      // A problem of the form, as submitApplication answers it (一次告知), not an error.
      expect: { status: 200, rule: 'option.unknown', field: 'options' },
    },
    {
      name: 'an option the bundle lacks (submission)',
      ...graphql(
        SUBMIT,
        { i: { bundleCode: 'HOUSE-TRANSFER', options: ['yacht'], values: [] } },
        t.applicant,
      ),
      expect: { status: 200, rule: 'option.unknown', field: 'options' },
    },
    {
      name: 'a consent scope the bundle lacks',
      ...graphql(
        'mutation { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["police"]) { id } }',
        {},
        t.applicant,
      ),
      expect: invalid('scope.unknown'),
    },
    {
      name: 'an item code the department lacks',
      ...asHall(
        ctx,
        graphql('mutation S($i: CaseInput!) { submitTaxCase(input: $i) { caseNumber } }', {
          i: {
            itemCode: 'TAX-REFUND-EVERYTHING',
            idempotencyKey: 'k-1',
            applicantIdNumber: ctx.applicant.idNumber,
            applicantName: ctx.applicant.name,
            fields: [],
          },
        }),
      ),
      expect: invalid('item.unknown'),
    },
    {
      name: 'form: applicant ID number with a wrong check character',
      ...submitWith(
        'applicant.idNumber',
        `${ctx.applicant.idNumber.slice(0, 17)}${ctx.applicant.idNumber.endsWith('0') ? '1' : '0'}`,
      ),
      expect: { status: 200, rule: 'GB11643.checkCharacter', field: 'applicant.idNumber' },
    },
    {
      name: 'form: seller ID number born on 31 February',
      ...submitWith('seller.idNumber', '110105199902310026'),
      expect: { status: 200, rule: 'GB11643.birthDate', field: 'seller.idNumber' },
    },
    {
      name: 'form: unit code of 27 characters',
      ...submitWith('property.unitCode', '330502001002GB00012F0003001'),
      expect: { status: 200, rule: 'GBT37346.length', field: 'property.unitCode' },
    },
    {
      name: 'form: fund account of letters',
      ...submitWith('fund.personalAccount', 'ABCDEFGHIJKL'),
      expect: { status: 200, rule: 'field.pattern', field: 'fund.personalAccount' },
    },
    {
      name: 'form: bank card too short',
      ...submitWith('fund.receivingBankAccount', '6222'),
      expect: { status: 200, rule: 'field.pattern', field: 'fund.receivingBankAccount' },
    },
    {
      name: 'form: phone of ten digits',
      ...submitWith('applicant.phone', '1380013800'),
      expect: { status: 200, rule: 'field.pattern', field: 'applicant.phone' },
    },
    {
      name: 'form: price with a thousands separator',
      ...submitWith('transaction.price', '1,260,000.00'),
      expect: { status: 200, rule: 'field.money', field: 'transaction.price' },
    },
    {
      name: 'form: contract dated 30 February',
      ...submitWith('transaction.contractDate', '2026-02-30'),
      expect: { status: 200, rule: 'field.date', field: 'transaction.contractDate' },
    },
    {
      name: 'form: marital status not among the options',
      ...submitWith('buyer.maritalStatus', 'complicated'),
      expect: { status: 200, rule: 'field.option', field: 'buyer.maritalStatus' },
    },
    {
      name: 'form: first home as "yes"',
      ...submitWith('buyer.isFirstHome', 'yes'),
      expect: { status: 200, rule: 'field.boolean', field: 'buyer.isFirstHome' },
    },
    {
      name: 'form: area of minus 5 m²',
      ...submitWith('property.area', '-5'),
      expect: { status: 200, rule: 'field.belowMin', field: 'property.area' },
    },
    {
      name: 'form: a field key the form lacks',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: [...ctx.applicant.values, { key: 'applicant.isAdmin', value: 'true' }],
            materials: ctx.applicant.materials,
          },
        },
        t.applicant,
      ),
      expect: { status: 200, rule: 'field.unknown', field: 'applicant.isAdmin' },
    },
    {
      name: 'form: a field given twice',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: [...ctx.applicant.values, { key: 'transaction.price', value: '1.00' }],
            materials: ctx.applicant.materials,
          },
        },
        t.applicant,
      ),
      expect: { status: 200, rule: 'field.duplicate', field: 'transaction.price' },
    },
    {
      name: 'form: an upload id of someone else’s',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: ctx.applicant.values,
            materials: [
              ...ctx.applicant.materials.filter((m) => m.id !== 'id-card'),
              { id: 'id-card', uploadId: ctx.otherUploadId },
            ],
          },
        },
        t.applicant,
      ),
      expect: { status: 200, rule: 'material.uploadUnknown', field: 'materials.id-card' },
    },
    {
      name: 'form: an enterprise the applicant does not act for',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: ctx.applicant.values,
            materials: ctx.applicant.materials,
            enterpriseUscc: '91330100716105852F',
          },
        },
        t.applicant,
      ),
      expect: { status: 200, rule: 'enterprise.notActedFor', field: 'enterpriseUscc' },
    },
  ]);
};
