import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestStack } from '../../stack/support';
import { type LoadResult, load } from '../load';
import { type KnownPerson, population, prefillRequests } from '../persons';
import { median, round } from '../stats';

/** Section 10's sizes (issue 22): concurrent users, and bundles in the catalogue. */
export const GROWTH_USERS = [1, 10, 100, 1000] as const;
export const GROWTH_CATALOGUES = [5, 50, 500] as const;

/**
 * How long a run of `users` lasts: past saturation every request of the run is in flight at once and the
 * first ones end only after about users / (requests a second) — seconds at 1,000 users — so a run that short
 * would count its ramp as the stack's rate. Runs of 1,000 users last three times as long.
 */
export const secondsFor = (users: number, seconds: number): number => (users >= 1000 ? 3 * seconds : seconds);

/**
 * One point of a curve: the medians of its runs' requests/s and latencies, and their failures summed
 * (as a load run counts them: `failures`, `errorCodes`, `httpFailureKinds`).
 */
export interface GrowthPoint
  extends Pick<LoadResult, 'p50Ms' | 'p99Ms' | 'failures' | 'errorCodes' | 'httpFailureKinds'> {
  readonly size: number;
  readonly rps: number;
}

export interface UsersGrowth {
  readonly seconds: number;
  readonly runs: number;
  readonly ours: GrowthPoint[];
  readonly stock: GrowthPoint[];
}

export interface CatalogueGrowth {
  readonly seconds: number;
  readonly runs: number;
  readonly connections: number;
  /** The web app's catalogue page (`Bundles`: every bundle with its items and savings). */
  readonly list: (GrowthPoint & { readonly answerBytes: number })[];
  /** The web app's one form of one bundle (`BundleForm`, house transfer), in the same catalogues. */
  readonly form: GrowthPoint[];
  /** The hall's start with that catalogue: from spawned to ready, in seconds. */
  readonly hallReadySeconds: number[];
}

const summarise = (size: number, runs: LoadResult[]): GrowthPoint => {
  const errorCodes: Record<string, number> = {};
  const httpFailureKinds: Record<string, number> = {};
  for (const r of runs) {
    for (const [c, n] of Object.entries(r.errorCodes)) errorCodes[c] = (errorCodes[c] ?? 0) + n;
    for (const [k, n] of Object.entries(r.httpFailureKinds ?? {}))
      httpFailureKinds[k] = (httpFailureKinds[k] ?? 0) + n;
  }
  return {
    size,
    rps: round(median(runs.map((r) => r.requestsPerSecond))),
    p50Ms: round(median(runs.map((r) => r.p50Ms))),
    p99Ms: round(median(runs.map((r) => r.p99Ms))),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    errorCodes,
    httpFailureKinds,
  };
};

/**
 * Users: scenario 1's prefill query (a different person each request) over 1, 10, 100 and 1,000
 * connections, through our gateway and the stock one in front of the same subgraphs, alternating.
 */
export async function usersGrowth(
  s: TestStack,
  stockUrl: string,
  persons: readonly KnownPerson[],
  options: { seconds: number; runs: number; say: (line: string) => void },
): Promise<UsersGrowth> {
  const requests = prefillRequests(persons);
  const ours: GrowthPoint[] = [];
  const stock: GrowthPoint[] = [];
  for (const users of GROWTH_USERS) {
    const runs = { ours: [] as LoadResult[], stock: [] as LoadResult[] };
    for (let i = 0; i < options.runs; i++)
      for (const which of i % 2 === 0 ? (['ours', 'stock'] as const) : (['stock', 'ours'] as const))
        runs[which].push(
          await load(which === 'ours' ? `${s.gatewayUrl}/graphql` : stockUrl, requests, {
            connections: users,
            durationSeconds: secondsFor(users, options.seconds),
          }),
        );
    ours.push(summarise(users, runs.ours));
    stock.push(summarise(users, runs.stock));
    options.say(
      `  ${users} users: ours ${ours.at(-1)!.rps} req/s p99 ${ours.at(-1)!.p99Ms} ms, stock ${stock.at(-1)!.rps} req/s p99 ${stock.at(-1)!.p99Ms} ms`,
    );
  }
  return { seconds: options.seconds, runs: options.runs, ours, stock };
}

const BUNDLES_DIR = fileURLToPath(new URL('../../../subgraphs/hall/bundles', import.meta.url));

/** A suffix of capitals for the n-th copy (A, B, … Z, AA, AB…): bundle codes are capitals and dashes. */
function letters(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

/**
 * A catalogue of `size` bundles: the five real ones, then copies of them in turn under codes of their
 * own (HOUSE-TRANSFER-A…) and numbered names — each a whole bundle the hall checks at start as any other.
 */
export function catalogueOf(size: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-catalogue-${size}-`));
  const real = readdirSync(BUNDLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(BUNDLES_DIR, f), 'utf8')) as Record<string, unknown>);
  for (let i = 0; i < size; i++) {
    const bundle = real[i % real.length]!;
    const copy = Math.floor(i / real.length);
    const named = (n: { zh: string; en: string }) => ({ zh: `${n.zh}（${copy}）`, en: `${n.en} (${copy})` });
    const out =
      copy === 0
        ? bundle
        : {
            ...bundle,
            code: `${bundle.code}-${letters(copy - 1)}`,
            name: named(bundle.name as { zh: string; en: string }),
          };
    writeFileSync(join(dir, `${String(out.code).toLowerCase()}.json`), JSON.stringify(out, null, 2));
  }
  return dir;
}

/** The web app's trusted documents: its catalogue page and its one form are sent by hash, as it sends them. */
const WEB_DOCUMENTS = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../web/src/api/generated/persisted-documents.json', import.meta.url)),
    'utf8',
  ),
) as Record<string, string>;
const byOperation = (name: string, variables: Record<string, unknown>) => {
  const hash = Object.keys(WEB_DOCUMENTS).find((h) =>
    new RegExp(`\\bquery ${name}\\b[ ({]`).test(WEB_DOCUMENTS[h]!),
  );
  if (!hash) throw new Error(`the web app has no operation ${name}`);
  return JSON.stringify({
    operationName: name,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
};

/**
 * Catalogue: the web app's catalogue page and one bundle's form, on a stack started with `size` bundles
 * (`start` starts one with the given bundles directory and answers it with the hall's time to ready).
 */
export async function catalogueGrowth(
  start: (bundlesDir: string) => Promise<{ s: TestStack; hallReadySeconds: number }>,
  options: { seconds: number; runs: number; connections: number; say: (line: string) => void },
): Promise<CatalogueGrowth> {
  const list: CatalogueGrowth['list'][number][] = [];
  const form: GrowthPoint[] = [];
  const hallReadySeconds: number[] = [];
  for (const size of GROWTH_CATALOGUES) {
    const { s, hallReadySeconds: ready } = await start(catalogueOf(size));
    try {
      hallReadySeconds.push(ready);
      // An applicant of the population, signed in at this stack's identity provider.
      const person = population.persons[0]!;
      const token = await s.customToken({ role: 'applicant', name: person.name, id_number: person.idNumber });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const listRequest = [{ body: byOperation('Bundles', {}), headers }];
      const formRequest = [
        { body: byOperation('BundleForm', { code: 'HOUSE-TRANSFER', options: [] }), headers },
      ];
      const url = `${s.gatewayUrl}/graphql`;
      const answer = await fetch(url, { method: 'POST', headers, body: listRequest[0]!.body });
      const text = await answer.text();
      const count = (JSON.parse(text) as { data?: { bundles?: unknown[] } }).data?.bundles?.length;
      if (count !== size)
        throw new Error(`the catalogue of ${size} answered ${count} bundles: ${text.slice(0, 300)}`);
      const opts = { connections: options.connections, durationSeconds: options.seconds };
      // The form's runs first, then the catalogue page's: a form run measured right after a catalogue run
      // would pay for collecting that run's large answers.
      const runs = { list: [] as LoadResult[], form: [] as LoadResult[] };
      await load(url, formRequest, { ...opts, durationSeconds: 2 }); // warm
      for (let i = 0; i < options.runs; i++) runs.form.push(await load(url, formRequest, opts));
      await load(url, listRequest, { ...opts, durationSeconds: 2 });
      for (let i = 0; i < options.runs; i++) runs.list.push(await load(url, listRequest, opts));
      list.push({ ...summarise(size, runs.list), answerBytes: Buffer.byteLength(text) });
      form.push(summarise(size, runs.form));
      options.say(
        `  ${size} bundles: catalogue ${list.at(-1)!.rps} req/s p99 ${list.at(-1)!.p99Ms} ms (${Math.round(Buffer.byteLength(text) / 1024)} KiB), one form ${form.at(-1)!.rps} req/s p99 ${form.at(-1)!.p99Ms} ms; hall ready in ${ready} s`,
      );
    } finally {
      await s.stop();
    }
  }
  return {
    seconds: options.seconds,
    runs: options.runs,
    connections: options.connections,
    list,
    form,
    hallReadySeconds,
  };
}
