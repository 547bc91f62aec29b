import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../../scripts/bundle-figures';
import { checkBundles, readBundleFiles } from './definition';

const catalogue = catalogueFromItemFiles();
const BUNDLES = fileURLToPath(new URL('../../bundles', import.meta.url));
const bundle = (extra: object) => ({
  code: 'TEST-BUNDLE',
  name: { zh: '测试', en: 'Test' },
  description: { zh: '测试', en: 'Test' },
  ...extra,
});

function problemsOf(bundleFile: object): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
  writeFileSync(join(dir, 'test.json'), JSON.stringify(bundleFile));
  const { bundles, problems } = readBundleFiles(dir);
  return [...problems, ...checkBundles(bundles, catalogue)];
}

describe('bundle files', () => {
  it('the five bundles of the hall are valid against the departments’ items', () => {
    const { bundles, problems } = readBundleFiles(BUNDLES);
    expect(problems).toEqual([]);
    expect(bundles.map((b) => b.code).sort()).toEqual([
      'COMPANY-CHANGE',
      'COMPANY-DEREGISTRATION',
      'HOUSE-TRANSFER',
      'SOLE-TRADER',
      'START-BUSINESS',
    ]);
    expect(checkBundles(bundles, catalogue)).toEqual([]);
  });

  it('refuses an unknown item code, naming the file and the codes there are', () => {
    const [p] = problemsOf(bundle({ items: [{ code: 'TAX-MOON-TAX' }] }));
    expect(p).toMatch(/test\.json: unknown item code TAX-MOON-TAX: the departments publish .*TAX-DEED-TAX/);
  });

  it('refuses a cycle, naming it', () => {
    const problems = problemsOf(
      bundle({
        items: [
          { code: 'TAX-DEED-TAX', after: ['RE-TRANSFER'] },
          { code: 'RE-TRANSFER', after: ['TAX-DEED-TAX'] },
        ],
      }),
    );
    expect(problems.join('\n')).toMatch(
      /test\.json: the items wait for each other in a cycle: (TAX-DEED-TAX → RE-TRANSFER → TAX-DEED-TAX|RE-TRANSFER → TAX-DEED-TAX → RE-TRANSFER)/,
    );
  });

  it('refuses a flow from a result that no item produces, and to an item that does not come after it', () => {
    const problems = problemsOf(
      bundle({
        items: [{ code: 'TAX-DEED-TAX' }, { code: 'RE-TRANSFER' }],
        flows: [
          { from: 'TAX-DEED-TAX', result: 'enterprise.uscc', to: ['RE-TRANSFER'] },
          { from: 'TAX-DEED-TAX', result: 'deed-tax-receipt', to: ['RE-TRANSFER'] },
        ],
      }),
    ).join('\n');
    expect(problems).toMatch(
      /a flow of "enterprise\.uscc" comes from TAX-DEED-TAX, which does not produce it \(it produces deed-tax-receipt\)/,
    );
    expect(problems).toMatch(
      /a flow of "deed-tax-receipt" goes from TAX-DEED-TAX to RE-TRANSFER, which does not come after it/,
    );
  });

  it('refuses undeclared options, items outside the bundle, and mandatory items waiting for optional ones', () => {
    const problems = problemsOf(
      bundle({
        items: [
          { code: 'FUND-LOAN', option: 'loan' },
          { code: 'RE-MORTGAGE', after: ['FUND-LOAN', 'RE-TRANSFER'] },
        ],
      }),
    ).join('\n');
    expect(problems).toMatch(/option "loan", which is not declared/);
    expect(problems).toMatch(/comes after RE-TRANSFER, which is not in the bundle/);
    expect(problems).toMatch(
      /RE-MORTGAGE is always part of the bundle but waits for FUND-LOAN, which is optional/,
    );
  });

  it('reports malformed files without stopping at the first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
    writeFileSync(join(dir, 'a.json'), '{ not json');
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ code: 'lower case', items: [] }));
    const { problems } = readBundleFiles(dir);
    expect(problems.join('\n')).toMatch(
      /a\.json: not valid JSON[\s\S]*b\.json: code: bundle codes are capitals[\s\S]*b\.json: (name|items)/,
    );
  });

  it('refuses a payment step placed where it cannot be, naming each problem', () => {
    const problems = problemsOf(
      bundle({
        items: [{ code: 'TAX-DEED-TAX' }, { code: 'RE-TRANSFER', after: ['TAX-DEED-TAX'] }],
        payment: {
          after: ['RE-TRANSFER', 'FUND-LOAN'],
          before: ['TAX-DEED-TAX'],
          proof: 'fee-payment-voucher',
        },
      }),
    ).join('\n');
    expect(problems).toMatch(/the payment is placed around FUND-LOAN, which is not in the bundle/);
    expect(problems).toMatch(
      /holds back TAX-DEED-TAX, which RE-TRANSFER \(whose assessment it waits for\) comes after/,
    );
    expect(problems).toMatch(
      /proof "fee-payment-voucher" goes to TAX-DEED-TAX, whose department does not take that material/,
    );
  });
});
