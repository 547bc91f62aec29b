import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Where a service runs: `development` (the default: `npm start`, tests, a developer's machine) or
 * `production` (PROFILE=production: a deployment serving the public). Production refuses to start with a
 * development convenience — a secret published with this software, the development identity provider, a
 * development tool itself — and says which and how to fix it.
 */
export const PROFILES = ['development', 'production'] as const;
export type Profile = (typeof PROFILES)[number];

/** The setting every service reads to know its profile. */
export const PROFILE_ENV = 'PROFILE';

const PROFILE_DOC =
  'development (the default) or production: production refuses to start with any development convenience (see "What production refuses").';

/**
 * What the production profile does with a setting that is a development convenience; one line opts a
 * setting in:
 * - `devValue`: the development value the setting defaults to (a secret published with this software).
 *   Production refuses it by value, whether it is the default or given, alone or as an entry of a list
 *   (`name:secret,…`, under any name); `fix` says what to set instead.
 * - `refuseIfSet`: any value is refused; it says why and what to do instead.
 * - `default`: production's own default (an explicit value still wins), and `why`.
 */
export type ProductionRule = (
  | { readonly devValue: string; readonly fix?: string }
  | { readonly refuseIfSet: string }
  | { readonly default: string; readonly why: string }
) & {
  /**
   * Where the rule holds only under another setting (the development issuer matters only while tokens
   * are verified): a test of the other settings' given values (undefined when unset), and how the docs
   * say it.
   */
  readonly onlyIf?: { readonly given: (raw: (env: string) => unknown) => boolean; readonly doc: string };
};

/** One setting of a service: the environment variable that sets it, its schema, and what it does. */
export interface Setting<S extends z.ZodType = z.ZodType> {
  readonly env: string;
  readonly schema: S;
  readonly doc: string;
  /** Never printed, not even in a start error (keys, app secrets). */
  readonly secret?: boolean;
  /** The default as the docs should show it, where the schema transforms its value. */
  readonly defaultDoc?: string;
  /** What PROFILE=production refuses of it, or defaults it to (see {@link ProductionRule}). */
  readonly production?: ProductionRule;
}

export type SettingsSpec = Record<string, Setting>;
export type ConfigOf<S extends SettingsSpec> = { [K in keyof S]: z.output<S[K]['schema']> } & {
  /** The profile the service runs in (PROFILE). */
  readonly profile: Profile;
};

/** A problem a check across settings finds: the setting to change, and why. */
export interface SettingProblem<S extends SettingsSpec> {
  readonly setting: keyof S & string;
  readonly problem: string;
}

/** What a whole service declares beside its settings. */
export interface ServiceOptions<S extends SettingsSpec = SettingsSpec> {
  /** A development tool (the development identity provider, a stand-in): production refuses to run it, saying this. */
  readonly developmentOnly?: string;
  /**
   * Checks across settings (one is required because of another), run on the settings that were read;
   * one that did not parse is absent. Each problem joins the one error of the start.
   */
  readonly checks?: (config: Partial<ConfigOf<S>>) => readonly SettingProblem<S>[];
}

/** A row of the docs' table of what production refuses or changes. */
export interface ProductionRow {
  readonly env: string;
  /** What production does with the setting. */
  readonly refusal: string;
  /** What to do instead. */
  readonly fix: string;
}

/** Start refused: every setting that is wrong, each with the variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: the configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const DEFAULT_FIX = 'set your own, from your secret store';

/** The part of a list entry that is its secret: after `name:` or `name=`, else the whole entry. */
const secretOf = (entry: string) => {
  const at = entry.search(/[:=]/);
  return at < 0 ? entry : entry.slice(at + 1);
};
const entriesOf = (text: string) =>
  text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/** Whether a value is, or holds as an entry of its list, the development value (its secret under any name). */
export function holdsDevValue(value: string, devValue: string): boolean {
  const dev = new Set(entriesOf(devValue).map(secretOf));
  return entriesOf(value).some((entry) => dev.has(entry) || dev.has(secretOf(entry)));
}

/** Why production refuses a setting's value, or undefined when it does not. */
function productionRefusal(
  setting: Setting,
  raw: unknown,
  rawOf: (env: string) => unknown,
): string | undefined {
  const rule = setting.production;
  if (!rule || (rule.onlyIf && !rule.onlyIf.given(rawOf))) return undefined;
  if ('refuseIfSet' in rule)
    return raw === undefined
      ? undefined
      : `is a development convenience that PROFILE=production refuses: ${rule.refuseIfSet}`;
  if (!('devValue' in rule)) return undefined;
  const fix = rule.fix ?? DEFAULT_FIX;
  if (raw === undefined)
    return `would be the development value "${rule.devValue}", published with this software, which PROFILE=production refuses: ${fix}`;
  if (holdsDevValue(String(raw), rule.devValue))
    return `is the development value "${rule.devValue}", published with this software, which PROFILE=production refuses: ${fix}`;
  return undefined;
}

/** The environment variable naming a service's JSON settings file. */
export const CONFIG_FILE_ENV = 'CONFIG_FILE';

/**
 * A settings file's values by variable, and what is wrong with it: a key that is no setting of the
 * service, a value that is not a string, number or boolean. Numbers and booleans are taken as their text.
 */
function readConfigFile(
  file: string,
  known: ReadonlySet<string>,
): { values: Record<string, string>; problems: string[] } {
  const where = `${CONFIG_FILE_ENV}=${file}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { values: {}, problems: [`${where}: cannot be read as JSON (${(e as Error).message})`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return {
      values: {},
      problems: [`${where}: must be a JSON object of settings by variable, e.g. {"PORT": 4000}`],
    };
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (!known.has(key)) {
      problems.push(`${where}: "${key}" is not a setting of this service (see docs/integrators.md)`);
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      values[key] = String(value);
    else problems.push(`${where}: "${key}" must be a string, a number or a boolean`);
  }
  return { values, problems };
}

/**
 * Declares a service's settings once: `load` reads them from the environment (and from a JSON file named
 * by `CONFIG_FILE`, whose keys are the same variable names and nothing else; the environment wins),
 * validates them all with the same schemas, checks them across settings (`options.checks`), and throws one
 * {@link ConfigError} naming every problem — in production, every development convenience too; `describe`
 * lists them for the docs. Every service also reads PROFILE.
 */
export function defineSettings<S extends SettingsSpec>(
  service: string,
  spec: S,
  options: ServiceOptions<S> = {},
) {
  const profileSetting: Setting = {
    env: PROFILE_ENV,
    schema: z.enum(PROFILES, { error: 'must be development or production' }).default('development'),
    doc: PROFILE_DOC,
  };
  const known = new Set([PROFILE_ENV, ...Object.values(spec).map((s) => s.env)]);
  const read = (env: NodeJS.ProcessEnv) => {
    const problems: string[] = [];
    let file: Record<string, string> = {};
    const configFile = env[CONFIG_FILE_ENV];
    if (configFile) {
      const fromFile = readConfigFile(configFile, known);
      file = fromFile.values;
      problems.push(...fromFile.problems);
    }
    const rawOfEnv = (name: string) => {
      const raw = env[name] ?? file[name];
      return raw === '' ? undefined : raw;
    };
    const rawOf = (setting: Setting) => rawOfEnv(setting.env);
    const shown = (setting: Setting, raw: unknown) =>
      (raw === undefined ? '(unset)' : setting.secret ? '(hidden)' : JSON.stringify(raw)) +
      (raw !== undefined && env[setting.env] === undefined && setting.env in file
        ? ` (in ${configFile})`
        : '');
    const profileRaw = rawOf(profileSetting);
    const profileParsed = profileSetting.schema.safeParse(profileRaw);
    const profile: Profile = profileParsed.success ? (profileParsed.data as Profile) : 'development';
    if (!profileParsed.success)
      problems.push(
        `${PROFILE_ENV}=${shown(profileSetting, profileRaw)}: ${profileParsed.error.issues.map((i) => i.message).join('; ')}. ${PROFILE_DOC}`,
      );
    const out: Record<string, unknown> = { profile };
    const conveniences: { env: string; problem: string }[] = [];
    for (const [key, setting] of Object.entries(spec)) {
      let raw = rawOf(setting);
      const refusal = productionRefusal(setting, raw, rawOfEnv);
      if (refusal)
        conveniences.push({
          env: setting.env,
          problem: `${setting.env}=${shown(setting, raw)}: ${refusal}. ${setting.doc}`,
        });
      const rule = setting.production;
      if (
        raw === undefined &&
        profile === 'production' &&
        rule &&
        'default' in rule &&
        (rule.onlyIf?.given(rawOfEnv) ?? true)
      )
        raw = rule.default;
      const parsed = setting.schema.safeParse(raw);
      if (parsed.success) out[key] = parsed.data;
      else {
        const why = parsed.error.issues.map((i) => i.message).join('; ');
        problems.push(`${setting.env}=${shown(setting, raw)}: ${why}. ${setting.doc}`);
      }
    }
    for (const { setting: key, problem } of options.checks?.(out as Partial<ConfigOf<S>>) ?? []) {
      const setting = spec[key]!;
      problems.push(`${setting.env}=${shown(setting, rawOf(setting))}: ${problem}. ${setting.doc}`);
    }
    return { out, problems, profile, conveniences };
  };
  return {
    service,
    spec,
    load(env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
      const { out, problems, profile, conveniences } = read(env);
      // A development tool is refused alone: the rest of its settings do not matter then.
      if (profile === 'production' && options.developmentOnly)
        throw new ConfigError(service, [
          `${PROFILE_ENV}="production": ${service} is a development tool and never runs in production: ${options.developmentOnly}`,
        ]);
      if (profile === 'production') problems.push(...conveniences.map((c) => c.problem));
      if (problems.length > 0) throw new ConfigError(service, problems);
      return out as ConfigOf<S>;
    },
    /**
     * The settings (by variable) that production would refuse in this environment, whatever its profile:
     * development warns of them at start, so a forgotten PROFILE=production does not pass silently.
     */
    developmentConveniences(env: NodeJS.ProcessEnv = process.env): string[] {
      return read(env).conveniences.map((c) => c.env);
    },
    /** The settings as rows for documentation: variable, default, description. */
    describe(): { env: string; default: string; doc: string }[] {
      return [...Object.values(spec), profileSetting].map((s) => {
        if (s.defaultDoc !== undefined) return { env: s.env, default: s.defaultDoc, doc: s.doc };
        const d = s.schema.safeParse(undefined);
        const plain = d.success && ['string', 'number', 'boolean'].includes(typeof d.data);
        return { env: s.env, default: plain ? String(d.data) : '', doc: s.doc };
      });
    },
    /** What production refuses or changes of this service, as rows for the docs. */
    productionRules(): ProductionRow[] {
      const rows: ProductionRow[] = [];
      if (options.developmentOnly)
        rows.push({
          env: PROFILE_ENV,
          refusal: 'the service does not run at all',
          fix: options.developmentOnly,
        });
      for (const s of Object.values(spec)) {
        const rule = s.production;
        if (!rule) continue;
        const only = rule.onlyIf ? ` (${rule.onlyIf.doc})` : '';
        if ('devValue' in rule)
          rows.push({
            env: s.env,
            refusal: `unset, or \`${rule.devValue}\` (published with this software) given${only}`,
            fix: rule.fix ?? DEFAULT_FIX,
          });
        else if ('refuseIfSet' in rule)
          rows.push({ env: s.env, refusal: `any value${only}`, fix: rule.refuseIfSet });
        else rows.push({ env: s.env, refusal: `defaults to \`${rule.default}\`${only}`, fix: rule.why });
      }
      return rows;
    },
  };
}

/** Common setting schemas. */
export const settings = {
  port: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (any free port) to 65535')
      .max(65535, 'must be 0 (any free port) to 65535')
      .default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1, 'must name an interface').default(fallback),
  url: () => z.url('must be an absolute URL such as http://127.0.0.1:4101'),
  positiveInt: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be above 0')
      .default(fallback),
  ms: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be whole milliseconds')
      .min(0, 'must be 0 or more')
      .default(fallback),
  logLevel: () =>
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
};
