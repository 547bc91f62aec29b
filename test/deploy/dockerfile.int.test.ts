import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Copy, Healthcheck } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import {
  chainOf,
  dockerfileStages,
  effective,
  environmentOf,
  execForm,
  NOT_YET_DEPLOYED,
  ROOT,
  SERVICES,
  STACK_SERVICES,
} from './services';

/**
 * The Dockerfile, read as Docker would (dockerfile-ast, the parser of the Docker language server) and held
 * to what the issue asks and hadolint's rules that apply (no Docker engine or hadolint binary here): a
 * target per service running its build with plain node from exec form, a non-root user, nothing the
 * service may write in its code, production dependencies only, a health check on the route the stack
 * waits on, a pinned base image; and .dockerignore keeping local state and installs out of the context.
 */
const stages = dockerfileStages();
const named = new Map(stages.flatMap((s) => (s.name ? [[s.name, s] as const] : [])));

describe('the Dockerfile', () => {
  it('carries every service npm start runs, but for those listed as not deployed yet, each with why', () => {
    const targets = new Set(dockerfileStages().map((st) => st.name));
    for (const service of STACK_SERVICES) {
      const waiting = service.name in NOT_YET_DEPLOYED;
      expect(
        targets.has(service.name),
        `${service.name}: ${waiting ? 'listed as not deployed yet, but has a target' : 'has no target'}`,
      ).toBe(!waiting);
    }
    for (const name of Object.keys(NOT_YET_DEPLOYED))
      expect(
        STACK_SERVICES.map((x) => x.name),
        `${name} is no service of the stack`,
      ).toContain(name);
  });

  it('builds a target per service, each running its build with plain node in exec form', () => {
    for (const service of SERVICES) {
      expect(named.has(service.name), `a target ${service.name}`).toBe(true);
      const chain = chainOf(stages, service.name);
      expect(execForm(effective(chain, 'CMD')), service.name).toEqual(['node', service.command]);
      expect(effective(chain, 'ENTRYPOINT'), `${service.name}: no ENTRYPOINT to wrap node`).toBeUndefined();
      const env = environmentOf(chain);
      if (service.port !== undefined) {
        expect(env.PORT, `${service.name} listens on its port`).toBe(String(service.port));
        expect(env.HOST, `${service.name} listens on every interface`).toBe('0.0.0.0');
        const exposed = chain.flatMap((s) =>
          s.instructions
            .filter((i) => i.getKeyword() === 'EXPOSE')
            .flatMap((i) => i.getArgumentsContent()!.split(/\s+/)),
        );
        expect(exposed, service.name).toContain(String(service.port));
        if (service.adminPort !== undefined) {
          expect(env.ADMIN_PORT, service.name).toBe(String(service.adminPort));
          expect(exposed, service.name).toContain(String(service.adminPort));
        }
      }
      // Every variable the image sets is one the service reads (a typo would be a setting silently unset).
      for (const name of Object.keys(env).filter((k) => !k.startsWith('NPM_CONFIG_') && k !== 'NODE_ENV'))
        expect(service.settings.has(name), `${service.name} reads ${name}`).toBe(true);
    }
  });

  it('checks each serving target’s health on the route the stack waits on (the gateway’s /ready), in the container', () => {
    for (const service of SERVICES) {
      const check = effective(chainOf(stages, service.name), 'HEALTHCHECK') as Healthcheck | undefined;
      expect(check, service.name).toBeInstanceOf(Healthcheck);
      if (service.port === undefined) {
        expect(check!.getSubcommand()?.getValue(), `${service.name} serves nothing`).toBe('NONE');
        continue;
      }
      const command = check!.getArgumentsContent()!;
      expect(command, service.name).toMatch(/^(--\S+\s+)*CMD \[/);
      const argv = JSON.parse(command.replace(/^(--\S+\s+)*CMD /, '')) as string[];
      // Slim images have no curl: node's own fetch, exiting non-zero unless the answer is 2xx.
      expect(argv.slice(0, 2), service.name).toEqual(['node', '-e']);
      const path = service.name === 'gateway' ? '/ready' : service.readyPath!;
      const port = service.adminPort !== undefined ? 'ADMIN_PORT' : 'PORT';
      expect(argv[2], service.name).toContain(`'http://127.0.0.1:'+process.env.${port}+'${path}'`);
      expect(argv[2], service.name).toContain('process.exit(r.ok?0:1)');
    }
  });

  it('runs every target as an unprivileged user, on code it cannot change, writing only outside /app', () => {
    for (const service of SERVICES) {
      const chain = chainOf(stages, service.name);
      const user = effective(chain, 'USER')?.getArgumentsContent()?.split(':')[0];
      expect(user, `${service.name} has a USER`).toBeDefined();
      expect(['root', '0'], `${service.name} runs as ${user}`).not.toContain(user);
      for (const stage of chain)
        for (const copy of stage.instructions.filter((i): i is Copy => i instanceof Copy))
          expect(
            copy.getFlags().map((f) => f.getName()),
            `${stage.name}: ${copy.getArgumentsContent()} is owned by root, read-only to the service`,
          ).not.toContain('chown');
      // What the hall writes (its embedded store, uploads) goes to mounted directories, not into /app.
      const env = environmentOf(chain);
      for (const dir of ['DATA_DIR', 'MATERIALS_DIR'].filter((d) => service.settings.has(d)))
        expect(env[dir], `${service.name}: ${dir}`).toMatch(/^\/var\/lib\/onething\//);
    }
  });

  it('installs production dependencies alone into what runs; the build and its dev dependencies stay behind', () => {
    const runs = (stage: {
      instructions: readonly { getKeyword(): string; getArgumentsContent(): string | null }[];
    }) =>
      stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    for (const service of SERVICES) {
      const chain = chainOf(stages, service.name);
      for (const stage of chain) {
        for (const run of runs(stage))
          expect(run, `${stage.name} installs nothing itself`).not.toMatch(/npm (ci|install|i)\b/);
        for (const copy of stage.instructions.filter((i): i is Copy => i instanceof Copy)) {
          const from = copy.getFromFlag()?.getValue();
          const [source] = (copy.getArgumentsContent() ?? '').replace(/--\S+\s+/g, '').split(/\s+/);
          if (!from) continue;
          const origin = named.get(from);
          expect(origin, `${stage.name} copies from stage ${from}`).toBeDefined();
          if (source === '/app' || source?.includes('node_modules')) {
            // The dependencies come from a stage that installed with --omit=dev, and nothing else.
            const installs = runs(origin!).filter((r) => /npm (ci|install|i)\b/.test(r));
            expect(installs.length, `${from} installs`).toBeGreaterThan(0);
            for (const r of installs) expect(r, from).toMatch(/--omit=dev/);
          } else if (from === 'build') {
            // Files of the build: a service's dist/, or a file the repository holds that the services read.
            const path = source!.replace(/^\/app\//, '');
            expect(
              /\/dist$/.test(path) || existsSync(join(ROOT, path)),
              `${stage.name}: ${source} is a build or a file of the repository`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('copies every build a target runs from the build stage', () => {
    const runtime = chainOf(stages, 'gateway').find((s) => s.name === 'runtime')!;
    const copied = runtime.instructions
      .filter((i): i is Copy => i instanceof Copy)
      .map((c) => (c.getArgumentsContent() ?? '').replace(/--\S+\s+/g, '').split(/\s+/)[0]);
    for (const service of SERVICES)
      expect(copied, service.name).toContain(`/app/${service.command.replace(/\/[^/]+$/, '')}`);
  });

  it('starts from a pinned Node.js image the engines field allows, and keeps to hadolint’s rules', () => {
    const external = stages.filter((s) => !named.has(s.from));
    expect(external.length).toBeGreaterThan(0);
    for (const s of external) {
      const m = /^node:(\d+)\.(\d+)\.(\d+)-[a-z]+-slim$/.exec(s.from);
      expect(m, `${s.name} starts from ${s.from}: a full version, a slim Debian`).not.toBeNull();
      const [, major, minor] = m!.map(Number);
      const min = /(\d+)\.(\d+)/.exec(pkg.engines.node)!.slice(1).map(Number);
      expect(major! > min[0]! || (major === min[0] && minor! >= min[1]!), s.from).toBe(true);
    }
    expect(stages.length, 'multi-stage').toBeGreaterThan(3);
    for (const s of stages) {
      for (const i of s.instructions) {
        const args = i.getArgumentsContent() ?? '';
        if (i.getKeyword() === 'WORKDIR') expect(args, 'DL3000: an absolute WORKDIR').toMatch(/^\//);
        if (i.getKeyword() === 'RUN') {
          expect(args, 'DL3004: no sudo').not.toMatch(/\bsudo\b/);
          expect(args, 'DL3003: WORKDIR, not cd, outside a one-off RUN').not.toMatch(/^cd \S+$/);
          if (/apt-get install/.test(args)) expect(args, 'DL3015').toMatch(/--no-install-recommends/);
        }
        if (i.getKeyword() === 'CMD') expect(execForm(i), 'DL3025: CMD in exec form').toBeDefined();
        expect(i.getKeyword(), 'DL4000: no MAINTAINER').not.toBe('MAINTAINER');
      }
    }
  });

  it('leaves installs, builds, local state and history out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['**/node_modules', '**/dist', 'data', '.git', '.env'])
      expect(ignored).toContain(entry);
  });
});
