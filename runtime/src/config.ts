import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One setting of a service: the environment variable that sets it, its schema, and what it does. */
export interface Setting<S extends z.ZodType = z.ZodType> {
  readonly env: string;
  readonly schema: S;
  readonly doc: string;
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
          problems.push(
            `${setting.env}=${raw === undefined ? '(unset)' : JSON.stringify(raw)}: ${why}. ${setting.doc}`,
          );
        }
      }
      if (problems.length > 0) throw new ConfigError(service, problems);
      return out as ConfigOf<S>;
    },
    /** The settings as rows for documentation: variable, default, description. */
    describe(): { env: string; default: string; doc: string }[] {
      return Object.values(spec).map((s) => {
        const d = s.schema.safeParse(undefined);
        return { env: s.env, default: d.success && d.data !== undefined ? String(d.data) : '', doc: s.doc };
      });
    },
  };
}

/** Common setting schemas. */
export const settings = {
  port: (fallback: number) =>
    z.coerce
      .number()
      .int('must be a whole number')
      .min(0)
      .max(65535, 'must be at most 65535')
      .default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1).default(fallback),
  url: () => z.url('must be an absolute URL such as http://127.0.0.1:4101'),
  positiveInt: (fallback: number) =>
    z.coerce.number().int('must be a whole number').positive().default(fallback),
  ms: (fallback: number) => z.coerce.number().int('must be whole milliseconds').min(0).default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
