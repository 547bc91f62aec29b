import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DockerfileParser, Env, type Instruction } from 'dockerfile-ast';
import { gatewaySettings } from '../../gateway/src/settings';
import { devIdpSettings } from '../../idp/src/settings';
import { courierSettings } from '../../legacy/courier/src/settings';
import { fundSettings } from '../../legacy/fund/src/settings';
import { marketSettings } from '../../legacy/market/src/settings';
import { paymentSettings } from '../../legacy/payment/src/settings';
import { realestateSettings } from '../../legacy/realestate/src/settings';
import { smsSettings } from '../../legacy/sms/src/settings';
import { taxSettings } from '../../legacy/tax/src/settings';
import { builtEntry } from '../../scripts/service-build';
import { stackServices } from '../../scripts/stack';
import { fundSubgraphSettings } from '../../subgraphs/fund/src/settings';
import { hallMigrationSettings, hallSettings } from '../../subgraphs/hall/src/settings';
import { marketSubgraphSettings } from '../../subgraphs/market/src/settings';
import { paymentSubgraphSettings } from '../../subgraphs/payment/src/settings';
import { realestateSubgraphSettings } from '../../subgraphs/realestate/src/settings';
import { taxSubgraphSettings } from '../../subgraphs/tax/src/settings';

/**
 * What the deployment files (Dockerfile, deploy/compose.yaml, deploy/k8s) are checked against: the
 * services as `npm start` runs them (scripts/stack.ts: name, entry point, port, ready URL), their builds
 * (scripts/service-build.ts) and the settings each one reads (its settings registry).
 */
export const ROOT = resolve(import.meta.dirname, '../..');

/** A service as deployed: its image target, what it runs, where it listens and answers it is ready. */
export interface DeployedService {
  readonly name: string;
  /** The built entry point, relative to the image's /app. */
  readonly command: string;
  readonly port?: number;
  readonly adminPort?: number;
  /** The path of its ready URL in the stack (`/health`, `/__admin/status`). */
  readonly readyPath?: string;
  /** The environment variables it reads (its settings registry, PROFILE and CONFIG_FILE included). */
  readonly settings: ReadonlySet<string>;
  /** A development tool the production profile refuses to run (the IdP, the stand-ins). */
  readonly developmentOnly: boolean;
}

const SETTINGS: Record<string, { describe(): { env: string }[] }> = {
  gateway: gatewaySettings,
  'subgraph-hall': hallSettings,
  'hall-migrate': hallMigrationSettings,
  'subgraph-tax': taxSubgraphSettings,
  'subgraph-market': marketSubgraphSettings,
  'subgraph-realestate': realestateSubgraphSettings,
  'subgraph-fund': fundSubgraphSettings,
  'subgraph-payment': paymentSubgraphSettings,
  idp: devIdpSettings,
  'legacy-tax': taxSettings,
  'legacy-market': marketSettings,
  'legacy-realestate': realestateSettings,
  'legacy-fund': fundSettings,
  'legacy-payment': paymentSettings,
  'legacy-courier': courierSettings,
  'legacy-sms': smsSettings,
};
const settingsOf = (name: string) =>
  new Set(['CONFIG_FILE', 'NODE_OPTIONS', ...SETTINGS[name]!.describe().map((s) => s.env)]);

/**
 * Services `npm start` runs that the deployment files do not carry yet, each with why. Empty: every
 * service is deployed. A service added to the stack must be deployed (a target, compose, the manifests)
 * or listed here with its reason; a test fails when one is in neither, or in both.
 */
export const NOT_YET_DEPLOYED: Readonly<Record<string, string>> = {};

/** Every service `npm start` runs (scripts/stack.ts). */
export const STACK_SERVICES = stackServices({
  identityDir: join(mkdtempSync(join(tmpdir(), 'deploy-services-')), 'identity'),
});

/** Every service of the stack the deployment carries, and the hall's migrations alone. */
export const SERVICES: readonly DeployedService[] = [
  ...STACK_SERVICES.filter((s) => !(s.name in NOT_YET_DEPLOYED)).map(
    (s): DeployedService => ({
      name: s.name,
      command: builtEntry(s.entry),
      port: Number(s.env.PORT),
      ...(s.env.ADMIN_PORT ? { adminPort: Number(s.env.ADMIN_PORT) } : {}),
      readyPath: new URL(s.readyUrl).pathname,
      settings: settingsOf(s.name),
      developmentOnly: s.name === 'idp' || s.name.startsWith('legacy-'),
    }),
  ),
  {
    name: 'hall-migrate',
    command: builtEntry('subgraphs/hall/src/migrate.ts'),
    settings: settingsOf('hall-migrate'),
    developmentOnly: false,
  },
];
export const SERVICE = new Map(SERVICES.map((s) => [s.name, s]));

/** One stage of the Dockerfile: its name, the image or stage it starts from, its instructions. */
export interface Stage {
  readonly name: string | undefined;
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

/** The Dockerfile's stages, in order, its ARG defaults substituted in each FROM. */
export function dockerfileStages(text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')): Stage[] {
  const file = DockerfileParser.parse(text);
  const args = new Map(
    file.getInitialARGs().flatMap((a) => {
      const p = a.getProperty();
      return p ? [[p.getName(), p.getValue() ?? ''] as const] : [];
    }),
  );
  const stages: { name: string | undefined; from: string; instructions: Instruction[] }[] = [];
  for (const i of file.getInstructions()) {
    if (i.getKeyword() === 'FROM') {
      const [image = '', as, name] = (i.getArgumentsContent() ?? '').split(/\s+/);
      stages.push({
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        from: image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args.get(a ?? b) ?? ''),
        instructions: [],
      });
    } else stages.at(-1)?.instructions.push(i);
  }
  return stages;
}

/** A stage and the stages it is built on, nearest first (its FROM chain within the file). */
export function chainOf(stages: readonly Stage[], name: string): Stage[] {
  const chain: Stage[] = [];
  for (let s = stages.find((x) => x.name === name); s; s = stages.find((x) => x.name === s!.from))
    chain.push(s);
  return chain;
}

/** The last value a stage's chain gives an instruction (`USER`, `CMD`…), nearest stage first. */
export function effective(chain: readonly Stage[], keyword: string): Instruction | undefined {
  for (const stage of chain) {
    const found = stage.instructions.filter((i) => i.getKeyword() === keyword).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** The environment a stage's chain sets (ENV), nearer stages winning. */
export function environmentOf(chain: readonly Stage[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const stage of [...chain].reverse())
    for (const i of stage.instructions)
      if (i instanceof Env) for (const p of i.getProperties()) env[p.getName()] = p.getValue() ?? '';
  return env;
}

/** An exec-form instruction's arguments (`CMD ["node", "x.js"]` → node, x.js), or undefined for shell form. */
export function execForm(i: Instruction | undefined): string[] | undefined {
  const text = i?.getArgumentsContent()?.trim();
  if (!text?.startsWith('[')) return undefined;
  return JSON.parse(text) as string[];
}
