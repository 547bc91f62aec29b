import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseTransferValues, idNumberOf, parties, saleConfirmed } from '../../stack/house-transfer';
import { startTestStack, type TestStack } from '../../stack/support';
import { type FigureRow, recordSection, rounds } from '../figures';

/** How many checks the stranger runs naming the owner's unit (the finding: 300). */
const CHECKS = rounds(300, 40);

interface Reader {
  id: string;
  kind: string;
  name: { zh: string; en: string };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    cursor: string;
    node: { id: string; department: string; why: { kind: string }; reader: Reader };
  }[];
  readers: { reader: Reader; count: number }[];
}
const PAGE = `query P($first: Int, $after: String, $filter: AuditFilter) {
  readsOfMyData(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id actor department why { kind text { zh en } } reader { id kind name { zh en } } } }
    readers { reader { id kind name { zh en } } count lastReadAt }
  }
}`;

/**
 * Security finding 4, replayed on the whole stack: a stranger's checks of a form naming an owner's unit
 * buried the owner's own reads in their trail (a list capped at 1000, no paging, the stranger's ID number
 * shown as the actor). Now the owner pages the trail, counts reads per reader, and filters them out.
 */
describe('security: the audit trail cannot be buried', () => {
  let s: TestStack;
  const rows: FigureRow[] = [];
  const row = (attack: string, answer: string, ok: boolean) =>
    rows.push({ attack, answer, ok: ok ? '✓' : '✗' });

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '60000' } });
  });
  afterAll(() => s?.stop());

  it('4: a stranger’s checks do not bury the owner’s own reads: paged, counted per reader, filtered out', async () => {
    const personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
    const p = parties(37, personas);
    const owner = await s.customToken({
      role: 'applicant',
      id_number: p.seller.idNumber,
      name: p.seller.name,
    });
    const stranger = await s.customToken({
      role: 'applicant',
      id_number: p.buyer.idNumber,
      name: p.buyer.name,
    });

    // Since finding 3 a stranger's check reads nothing of a unit: the register is read only under the owner's
    // confirmation of a sale. So the reader here is a buyer the owner confirmed a sale to, whose every check
    // of the form reads the owner's unit at the registry; the confirmation itself is one of the owner's reads.
    await saleConfirmed(s, p);

    // The owner's own reads: the sale's check, consent and prefill of the house transfer.
    const scopes = await s.gql<{ bundle: { consentScopes: { key: string }[] } }>(
      '{ bundle(code: "HOUSE-TRANSFER") { consentScopes { key } } }',
    );
    const granted = await s.gql(
      'mutation G($s: [String!]!) { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: $s) { id } }',
      { s: scopes.data!.bundle.consentScopes.map((c) => c.key) },
      owner,
    );
    expect(granted.errors).toBeUndefined();
    const prefilled = await s.gql('mutation { prefillForm(bundleCode: "HOUSE-TRANSFER") { id } }', {}, owner);
    expect(prefilled.errors).toBeUndefined();
    const own = (await s.gql<{ readsOfMyData: Page }>(PAGE, { first: 100 }, owner)).data!.readsOfMyData;
    expect(own.totalCount).toBeGreaterThanOrEqual(3);
    expect(own.edges.every((e) => e.node.reader.kind === 'YOU')).toBe(true);

    // The stranger checks a form naming the owner as seller, again and again.
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber);
    for (let i = 0; i < CHECKS; i += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, CHECKS - i) }, () =>
          s.gql(
            'query C($v: [FormValueInput!]!) { checkForm(bundleCode: "HOUSE-TRANSFER", values: $v) { valid } }',
            { v: values },
            stranger,
          ),
        ),
      );

    // The owner's first page: reads counted per reader, the stranger never named by ID number.
    const first = await s.gql<{ readsOfMyData: Page }>(PAGE, { first: 20 }, owner);
    expect(first.errors).toBeUndefined();
    const page = first.data!.readsOfMyData;
    expect(JSON.stringify(first)).not.toContain(p.buyer.idNumber);
    const byKind = new Map(page.readers.map((r) => [r.reader.kind, r]));
    expect(byKind.get('APPLICANT')?.count).toBe(CHECKS);
    expect(byKind.get('APPLICANT')?.reader.name.zh).toBe('其他申请人 1');
    expect(byKind.get('YOU')?.count).toBe(own.totalCount);
    expect(page.totalCount).toBe(own.totalCount + CHECKS);
    expect(page.edges.every((e) => e.node.reader.kind === 'APPLICANT')).toBe(true);
    row(
      `another applicant (a buyer the owner confirmed a sale to) runs checkForm ${CHECKS} times on the owner's unit`,
      `the owner's trail holds ${page.totalCount} reads; readers: another applicant 1 × ${byKind.get('APPLICANT')?.count}, you × ${byKind.get('YOU')?.count}; no ID number of the stranger in the answer`,
      true,
    );

    // Filtered by reader (the owner themselves), the owner's own reads come back whole, on one page.
    const mine = (
      await s.gql<{ readsOfMyData: Page }>(
        PAGE,
        { first: 100, filter: { reader: byKind.get('YOU')!.reader.id } },
        owner,
      )
    ).data!.readsOfMyData;
    expect(mine.edges.map((e) => e.node.id)).toEqual(own.edges.map((e) => e.node.id));
    const prefills = (
      await s.gql<{ readsOfMyData: Page }>(PAGE, { first: 100, filter: { purpose: 'PREFILL' } }, owner)
    ).data!.readsOfMyData;
    expect(prefills.totalCount).toBe(own.edges.filter((e) => e.node.why.kind === 'PREFILL').length);
    row(
      'the owner filters by reader (you) and by purpose (prefill)',
      `${mine.totalCount} and ${prefills.totalCount} reads: exactly the owner's own reads and own prefill, on the first page`,
      true,
    );

    // Paged by cursor, the whole trail, each read once.
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: { readsOfMyData: Page } = (
        await s.gql<{ readsOfMyData: Page }>(PAGE, { first: 20, after }, owner)
      ).data!;
      for (const e of r.readsOfMyData.edges) seen.add(e.node.id);
      pages++;
      if (!r.readsOfMyData.pageInfo.hasNextPage) break;
      after = r.readsOfMyData.pageInfo.endCursor;
    }
    expect(seen.size).toBe(page.totalCount);
    row('the owner pages the whole trail, 20 a page', `${pages} pages, ${seen.size} distinct reads`, true);

    // The deprecated list: limits validated, the stranger not named there either.
    for (const limit of [-1, 0, 1001]) {
      const r = await s.gql(`{ whoReadMyData(limit: ${limit}) { id } }`, {}, owner);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_OUT_OF_RANGE', argument: 'limit' });
    }
    const old = await s.gql('{ whoReadMyData(limit: 1000) { actor } }', {}, owner);
    expect(JSON.stringify(old)).not.toContain(p.buyer.idNumber);
    const big = await s.gql('{ readsOfMyData(first: 101) { totalCount } }', {}, owner);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_OUT_OF_RANGE', argument: 'first' });
    row(
      'whoReadMyData(limit: -1 | 0 | 1001), readsOfMyData(first: 101); whoReadMyData(limit: 1000)',
      'LIMIT_OUT_OF_RANGE naming the argument and range; the old list shows the other applicant as a reader id, not an ID number',
      true,
    );

    recordSection({
      key: '37-security-audit-trail',
      title: 'Security: the audit trail cannot be buried',
      about:
        'Finding 4 of the security review replayed on the whole stack: a stranger checks a house-transfer form naming an owner’s unit again and again, each check a read of the owner’s data at the registry; the owner then reads their trail (readsOfMyData). Each row is one step and what the owner gets now; ✓ is the answer the fix gives.',
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/security/audit-trail.test.ts',
      rows,
      notes: [
        'Defects found and fixed (db32978): security issue 13, finding 4; each “Before:” below is what an attacker could do until then.',
        'Before: 300 such checks filled the owner’s whoReadMyData with the stranger’s reads; the list capped at 1000 with no paging, so the owner’s own reads fell off it, and each row named the stranger by ID number. Purposes were one preformatted sentence in both languages with the bundle’s code.',
        'Now readsOfMyData pages by cursor (first 1 to 100), filters by reader and purpose, and counts reads per reader; another applicant is “其他申请人 n”, numbered by first read. The deprecated whoReadMyData and auditRecords validate limit 1 to 1000.',
        'Who may confirm ownership facts to the stranger at all is finding 3 (the ownership oracle); this section only says that the owner sees and can set apart every read, however many.',
      ],
    });
  });
});
