import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleGeneratedFiles } from '../../scripts/codegen';
import { startTestStack, type TestStack } from './support';

/**
 * The typed client of docs/frontend.md ("Typed operations for your own front end"), as another team would
 * use it: its generated types current, its typecheck green, and run with Node against `npm start`'s
 * gateway, printing what the gateway answers.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'examples/typed-client';
const run = promisify(execFile);

interface Bundle {
  code: string;
  name: { zh: string; en: string };
  form: { fields: { key: string; label: { zh: string } }[] };
}

describe('the typed client example, against the whole stack', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('has generated types that its operations and the schema generate now (else `npm run codegen`)', async () => {
    for (const file of await exampleGeneratedFiles(EXAMPLE))
      expect(readFileSync(join(ROOT, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('typechecks', async () => {
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', EXAMPLE], {
      cwd: ROOT,
    });
  });

  it('prints every bundle the gateway offers, and the fields of the form it is asked for', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', `${EXAMPLE}/src/main.ts`, 'HOUSE-TRANSFER'],
      {
        cwd: ROOT,
        env: { ...process.env, GATEWAY_URL: `${s.gatewayUrl}/graphql` },
      },
    );
    const answer = await s.gql<{ bundles: Bundle[]; bundle: Bundle }>(
      `{ bundles { code name { zh en } } bundle(code: "HOUSE-TRANSFER") { code name { zh en } form { fields { key label { zh } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const { bundles, bundle } = answer.data!;
    expect(bundles.length).toBeGreaterThan(1);
    expect(stdout).toContain(`${bundles.length} bundles:`);
    for (const b of bundles) expect(stdout).toContain(`${b.code}  ${b.name.zh} (${b.name.en})`);
    expect(stdout).toContain(
      `the form of HOUSE-TRANSFER ${bundle.name.zh}: ${bundle.form.fields.length} fields`,
    );
    for (const field of bundle.form.fields) expect(stdout).toContain(`${field.key}  ${field.label.zh}`);
  });
});
