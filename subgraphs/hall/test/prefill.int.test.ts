import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../scripts/bundle-figures';
import { readBundleFiles } from '../src/catalogue/definition';
import { deriveOneForm } from '../src/catalogue/one-form';
import { AuditTrail } from '../src/consent/audit-trail';
import { prefillForm } from '../src/consent/prefill';
import { type Database, openDatabase } from '../src/platform/database';
import type { SupergraphClient } from '../src/platform/supergraph-client';

const catalogue = catalogueFromItemFiles();
const { bundles } = readBundleFiles(fileURLToPath(new URL('../bundles', import.meta.url)));
const startBusiness = bundles.find((b) => b.code === 'START-BUSINESS')!;
const form = deriveOneForm(startBusiness, catalogue);
const applicant = {
  idNumber: '11010519491231002X',
  enterprises: [],
  subject: '11010519491231002X',
  role: 'applicant',
};

describe('prefill and its audit records', () => {
  let db: Database;
  let audit: AuditTrail;
  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    audit = new AuditTrail(db);
  });
  afterAll(() => db?.destroy());

  it('records no read of an enterprise whose entry point was refused: no department was asked', async () => {
    // As the gateway answers when the applicant does not represent the enterprise: `enterprise` is null.
    const client = {
      query: async () => ({
        data: { me: { taxpayer: { name: '张三', updatedAt: '2026-01-01T00:00:00Z' } }, enterprise: null },
        errors: [
          {
            message: 'may not read',
            path: ['enterprise'],
            extensions: { code: 'FORBIDDEN', department: 'market' },
          },
        ],
      }),
    } as unknown as SupergraphClient;
    const result = await prefillForm(
      {
        applicant,
        bundleCode: 'START-BUSINESS',
        bundleName: '企业开办',
        form,
        consentedDepartments: ['tax', 'market', 'fund'],
        enterpriseUscc: '91330100716105852F',
      },
      client,
      audit,
    );
    expect(result.values.map((v) => v.key)).toEqual(['applicant.name']);
    expect(await audit.about('', ['91330100716105852F'])).toEqual([]);
    expect((await audit.about(applicant.idNumber, [])).map((r) => [r.department, r.fields])).toEqual([
      ['tax', ['applicant.name']],
    ]);
  });
});
