import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { PLATFORM_KEYS } from '@onething/schema/platforms';
import { build, type Metafile, type Plugin } from 'esbuild';

/**
 * The services compiled for production: each entry point bundled with the workspace packages it imports
 * (they export TypeScript source) into one ES module under its package's `dist/`, which plain `node`
 * runs. Packages from npm stay outside the bundle and are loaded from node_modules, so an install
 * without dev dependencies (`npm install --omit=dev`) is all a built service needs; the build refuses an
 * import of a package that is not among the production dependencies of the workspace package importing it.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every entry point `npm run build` compiles, relative to the repository root. */
export const SERVICE_ENTRIES: readonly string[] = [
  'idp/src/main.ts',
  ...DEPARTMENT_KEYS.map((d) => `legacy/${d}/src/main.ts`),
  ...DEPARTMENT_KEYS.map((d) => `subgraphs/${d}/src/main.ts`),
  // The platforms that are not departments: their stand-ins, and the subgraphs of those the gateway composes.
  ...PLATFORM_KEYS.flatMap((p) => [`legacy/${p}/src/main.ts`, `subgraphs/${p}/src/main.ts`]),
  'legacy/courier/src/main.ts',
  'legacy/sms/src/main.ts',
  'gateway/src/main.ts',
  'subgraphs/hall/src/main.ts',
  // The hall's migrations alone (a deployment's migration job, before the hall rolls out).
  'subgraphs/hall/src/migrate.ts',
];

/** Where an entry point's build is: `gateway/src/main.ts` → `gateway/dist/main.js`. */
export function builtEntry(entry: string): string {
  const m = /^(.+)\/src\/([^/]+)\.ts$/.exec(entry);
  if (!m) throw new Error(`${entry} is not a service entry point (<package>/src/<name>.ts)`);
  return `${m[1]}/dist/${m[2]}.js`;
}

/** What esbuild read to make a build, kept beside it to tell when it is stale. */
const inputsFileOf = (entry: string) => join(ROOT, builtEntry(entry).replace(/\.js$/, '.inputs.json'));

/**
 * `import.meta.url` of a bundled module made its own source file's URL again, relative to the bundle:
 * a module reads files beside its source (the supergraph, the stand-ins' item lists, the hall's bundles
 * and calendar) and finds them at the same place in a checkout or an image, wherever it is put.
 */
function sourceLocations(outfile: string): Plugin {
  return {
    name: 'source-locations',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromBundle = relative(dirname(outfile), args.path).split('\\').join('/');
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * Packages from npm stay imports (node_modules at run time); the workspace's own are bundled. An npm
 * package none of whose exports a service uses is not imported at all (`sideEffects: false`): a stand-in
 * that imports one function of @onething/schema does not load @apollo/composition, which the same module
 * of that package imports for composing. No source of ours imports an npm package for its side effects
 * alone (`import 'x'`), which this would drop.
 */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@onething/') || args.path.startsWith('node:')
        ? undefined
        : { path: args.path, external: true, sideEffects: false },
    );
  },
};

/** The package an import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const BUILTINS = new Set(builtinModules);

/** The directory of the workspace package a source file belongs to (its nearest package.json). */
function packageDirOf(file: string): string {
  for (let dir = dirname(file); dir.startsWith(ROOT); dir = dirname(dir)) {
    try {
      statSync(join(dir, 'package.json'));
      return dir;
    } catch {
      // not here: one level up
    }
  }
  throw new Error(`${file} belongs to no package`);
}

/**
 * Every import of an npm package that a production install would not provide: the package is not among
 * the production `dependencies` of the workspace package whose source imports it.
 */
export function undeclaredImports(metafile: Metafile): string[] {
  const problems = new Set<string>();
  const dependenciesOf = new Map<string, Set<string>>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const file = resolve(ROOT, input);
    if (file.includes('/node_modules/')) continue;
    const dir = packageDirOf(file);
    let declared = dependenciesOf.get(dir);
    if (!declared) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      declared = new Set(Object.keys(pkg.dependencies ?? {}));
      dependenciesOf.set(dir, declared);
    }
    for (const i of imports) {
      if (!i.external || i.path.startsWith('<')) continue;
      const name = packageOf(i.path.replace(/^node:/, ''));
      if (i.path.startsWith('node:') || BUILTINS.has(name) || declared.has(name)) continue;
      problems.add(
        `${relative(ROOT, file)} imports ${name}, which is not a dependency of ${relative(ROOT, dir)}/package.json (a dev dependency is not installed in production)`,
      );
    }
  }
  return [...problems];
}

/** Builds one entry point; throws naming every import a production install would miss. */
export async function buildService(entry: string): Promise<void> {
  const outfile = join(ROOT, builtEntry(entry));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    // Keep names: pino's and Fastify's errors, and the error classes the services test with instanceof.
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [npmPackagesExternal, sourceLocations(outfile)],
  });
  const missing = undeclaredImports(result.metafile);
  if (missing.length > 0)
    throw new Error(`${entry}: a production install would not run it:\n  - ${missing.join('\n  - ')}`);
  const inputs = Object.keys(result.metafile.inputs).filter((i) => !i.includes('node_modules/'));
  // Each file written aside and renamed into place: a service starting meanwhile (another checkout's
  // test, npm start) reads the old build or the new one, never half of one.
  const put = (file: string, contents: Uint8Array | string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, contents);
    renameSync(`${file}.${process.pid}.tmp`, file);
  };
  for (const out of result.outputFiles) put(out.path, out.contents);
  put(inputsFileOf(entry), `${JSON.stringify(inputs, null, 2)}\n`);
}

/** Why an entry point needs building now (missing, or a file it was built from changed), or undefined. */
export function serviceBuildReason(entry: string): string | undefined {
  let built: number;
  let inputs: string[];
  try {
    built = statSync(join(ROOT, builtEntry(entry))).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFileOf(entry), 'utf8')) as string[];
  } catch {
    return `${builtEntry(entry)} is missing`;
  }
  for (const input of inputs) {
    let mtime: number;
    try {
      mtime = statSync(join(ROOT, input)).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (mtime > built) return `${input} changed`;
  }
  return undefined;
}

/** Builds every entry point whose build is missing or stale; answers what was built, and why. */
export async function ensureServicesBuilt(
  entries: readonly string[] = SERVICE_ENTRIES,
): Promise<{ entry: string; reason: string }[]> {
  const stale = entries.flatMap((entry) => {
    const reason = serviceBuildReason(entry);
    return reason ? [{ entry, reason }] : [];
  });
  await Promise.all(stale.map((s) => buildService(s.entry)));
  return stale;
}
