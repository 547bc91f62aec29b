import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One setting of a service: the environment variable that sets it, its schema, and what it does. */
export interface Setting<S extends z.ZodType = z.ZodType> {
  readonly env: string;
  readonly schema: S;
  readonly doc: string;
  /** Never printed, not even in a start error (keys, app secrets). */
  readonly secret?: boolean;
  /** The default as the docs should show it, where the schema transforms its value. */
  readonly defaultDoc?: string;
}

export type SettingsSpec = Record<string, Setting>;
export type ConfigOf<S extends SettingsSpec> = { [K in keyof S]: z.output<S[K]['schema']> };

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

/**
 * Declares a service's settings once: `load` reads them from the environment (and from a JSON file named
 * by `CONFIG_FILE`, whose keys are the same variable names; the environment wins), validates them all,
 * and throws one {@link ConfigError} naming every problem; `describe` lists them for the docs.
 */
export function defineSettings<S extends SettingsSpec>(service: string, spec: S) {
  return {
    service,
    spec,
    load(env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
      const problems: string[] = [];
      let file: Record<string, unknown> = {};
      if (env.CONFIG_FILE) {
        try {
          file = JSON.parse(readFileSync(env.CONFIG_FILE, 'utf8')) as Record<string, unknown>;
        } catch (e) {
          problems.push(`CONFIG_FILE=${env.CONFIG_FILE}: cannot be read as JSON (${(e as Error).message})`);
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, setting] of Object.entries(spec)) {
        const raw = env[setting.env] ?? file[setting.env];
        const parsed = setting.schema.safeParse(raw === '' ? undefined : raw);
        if (parsed.success) out[key] = parsed.data;
        else {
          const why = parsed.error.issues.map((i) => i.message).join('; ');
          const shown = raw === undefined ? '(unset)' : setting.secret ? '(hidden)' : JSON.stringify(raw);
          problems.push(`${setting.env}=${shown}: ${why}. ${setting.doc}`);
        }
      }
      if (problems.length > 0) throw new ConfigError(service, problems);
      return out as ConfigOf<S>;
    },
    /** The settings as rows for documentation: variable, default, description. */
    describe(): { env: string; default: string; doc: string }[] {
      return Object.values(spec).map((s) => {
        if (s.defaultDoc !== undefined) return { env: s.env, default: s.defaultDoc, doc: s.doc };
        const d = s.schema.safeParse(undefined);
        const plain = d.success && ['string', 'number', 'boolean'].includes(typeof d.data);
        return { env: s.env, default: plain ? String(d.data) : '', doc: s.doc };
      });
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
