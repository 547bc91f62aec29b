import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builtEntry, undeclaredImports } from './service-build';

/** What the production build checks of its bundles, on esbuild's account of what each source imports. */
describe('the production build', () => {
  const metafile = (imports: Metafile['inputs'][string]['imports']): Metafile => ({
    inputs: { 'legacy/tax/src/server.ts': { bytes: 1, imports } },
    outputs: {},
  });

  it('refuses an npm package the importing package has only as a dev dependency, or not at all', () => {
    const problems = undeclaredImports(
      metafile([
        { path: 'fastify', kind: 'import-statement', external: true },
        { path: 'zod/v4', kind: 'import-statement', external: true },
        { path: 'node:fs', kind: 'import-statement', external: true },
        { path: 'crypto', kind: 'import-statement', external: true },
        { path: '<runtime>', kind: 'import-statement', external: true },
        { path: 'vitest', kind: 'import-statement', external: true },
        { path: '@apollo/gateway/dist/config', kind: 'import-statement', external: true },
      ]),
    );
    expect(problems).toEqual([
      'legacy/tax/src/server.ts imports vitest, which is not a dependency of legacy/tax/package.json (a dev dependency is not installed in production)',
      'legacy/tax/src/server.ts imports @apollo/gateway, which is not a dependency of legacy/tax/package.json (a dev dependency is not installed in production)',
    ]);
  });

  it('puts each entry point’s build under its package’s dist/', () => {
    expect(builtEntry('gateway/src/main.ts')).toBe('gateway/dist/main.js');
    expect(builtEntry('subgraphs/hall/src/migrate.ts')).toBe('subgraphs/hall/dist/migrate.js');
    expect(() => builtEntry('scripts/start.ts')).toThrow(/not a service entry point/);
  });
});
