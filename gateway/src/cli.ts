import { CONFIG_FILE_ENV } from '@onething/runtime';

/** The gateway's command-line flags and the settings they set (flags win over the environment and the file). */
export const FLAGS = {
  '--config': { env: CONFIG_FILE_ENV, value: 'FILE' },
  '--supergraph': { env: 'SUPERGRAPH_FILE', value: 'FILE' },
  '--host': { env: 'HOST', value: 'ADDRESS' },
  '--port': { env: 'PORT', value: 'N' },
} as const;

const USAGE = Object.entries(FLAGS)
  .map(([flag, { value }]) => `${flag} ${value}`)
  .join(', ');

/**
 * The gateway's command line: `--config FILE` names a JSON file of settings (CONFIG_FILE, keyed by their
 * variables), `--supergraph FILE`, `--host ADDRESS` and `--port N` set SUPERGRAPH_FILE, HOST and PORT; a
 * flag wins over the environment, which wins over the file. Returns the environment to load settings from.
 */
export function environmentFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const known = FLAGS[flag as keyof typeof FLAGS];
    if (!known) throw new Error(`unknown argument ${arg}: the gateway takes ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value (${flag} ${known.value})`);
    out[known.env] = value;
  }
  return out;
}
