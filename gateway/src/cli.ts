/**
 * The gateway's command line: `--supergraph FILE` and `--port N` set SUPERGRAPH_FILE and PORT (the
 * environment and CONFIG_FILE give every other setting). Returns the environment to load settings from.
 */
export function environmentFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  const flags: Record<string, string> = { '--supergraph': 'SUPERGRAPH_FILE', '--port': 'PORT' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const name = flags[flag];
    if (!name) throw new Error(`unknown argument ${arg}: the gateway takes --supergraph FILE and --port N`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    out[name] = value;
  }
  return out;
}
