import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { queryLimits } from '../../../gateway/src/plugins/limits';
import { prepareApplication, submitPrepared } from '../../stack/bundle-applications';
import type { TestStack } from '../../stack/support';
import { population } from '../persons';
import { median, round, since } from '../stats';

/** The last instant the hall answers for (INSTANT_RANGE of the subgraph kit): e-supervision's farthest. */
const LAST = '2099-12-31T23:59:59Z';
/** The gateway's default limits (gateway/src/settings.ts). */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxCost: 50_000 };

export interface WorstRow {
  readonly request: string;
  readonly who: string;
  readonly cost: number;
  readonly runsMs: number[];
  readonly medianMs: number;
  /** The hall's /health answered while the request ran (median), against alone. */
  readonly hallHealthMs: number;
}

export interface WorstFigures {
  readonly applications: number;
  readonly hallHealthAloneMs: number;
  readonly rows: WorstRow[];
}

const SUPERGRAPH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** The cost the gateway gives a query (its validation rule, on the supergraph's API schema). */
function costOf(query: string): number {
  const api = Supergraph.build(readFileSync(SUPERGRAPH, 'utf8')).apiSchema().toGraphQLJSSchema();
  const [over] = validate(api, parse(query), [queryLimits({ ...LIMITS, maxCost: 0 })]);
  const refused = validate(api, parse(query), [queryLimits(LIMITS)]);
  if (refused.length) throw new Error(`not a legal request: ${refused.map((e) => e.message).join('; ')}`);
  return over ? Number(over.extensions.cost) : 0;
}

const aliased = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/**
 * Scenario 7: the most expensive requests the gateway's limits still allow (depth 12, 30 aliases, cost
 * 50 000), each timed on its own, with the hall's /health timed while it runs — a request that held the
 * hall (security finding 2: 13.8 s with far-future e-supervision) shows here first. The hall holds
 * `applications` applications, so the window's queue has something to rank.
 */
export async function worstLegalRequest(
  s: TestStack,
  options: { applications: number; runs: number },
): Promise<WorstFigures> {
  const bundles = ['HOUSE-TRANSFER', 'START-BUSINESS', 'SOLE-TRADER'];
  let first: { id: string; token: string } | undefined;
  for (let i = 0; i < options.applications; i++) {
    const prepared = await prepareApplication(s, population, bundles[i % bundles.length]!, 200 + i);
    const id = await submitPrepared(s, prepared);
    first ??= { id, token: prepared.token };
  }
  if (!first) throw new Error('no application to ask about');
  // Every application sent on and the dispatcher quiet (no part in flight, the same statuses twice), with
  // a part accepted (with a deadline), so e-supervision has a time limit to judge and nothing else runs.
  const staff = await s.token('window-staff');
  const deadline = Date.now() + 60_000;
  let last = '';
  for (;;) {
    const r = await s.gql<{ applicationQueue: { parts: { status: string; deadline: string | null }[] }[] }>(
      '{ applicationQueue(limit: 500) { parts { status deadline } } }',
      {},
      staff,
    );
    const parts = (r.data?.applicationQueue ?? []).flatMap((a) => a.parts);
    const now = JSON.stringify(parts.map((p) => p.status));
    if (now === last && parts.some((p) => p.deadline) && !parts.some((p) => p.status === 'DISPATCHING'))
      break;
    if (Date.now() > deadline) throw new Error(`the hall's dispatch did not settle within 60 s: ${now}`);
    last = now;
    await new Promise((r) => setTimeout(r, 500));
  }
  const health = async () => {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${s.ports.hall}/health`);
    return since(t0);
  };
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) alone.push(await health());

  const AUDIT = 'id at actor actorRole subjectIdNumber subjectUscc department fields purpose applicationId';
  const QUEUE_ROW = `id status flag(asOf: "${LAST}") parts { status deadline supervision(asOf: "${LAST}") { flag workingDaysLeft } }`;
  const candidates: { request: string; who: string; token: string; query: string }[] = [
    {
      request: `30 aliases of one application's e-supervision on ${LAST.slice(0, 10)}`,
      who: 'its applicant',
      token: first.token,
      query: aliased(
        30,
        `application(id: "${first.id}") { flag(asOf: "${LAST}") parts { supervision(asOf: "${LAST}") { flag workingDaysLeft deadline } } }`,
      ),
    },
    {
      request: `30 aliases of the window's queue, 30 rows each, flags on ${LAST.slice(0, 10)}`,
      who: 'window staff',
      token: staff,
      query: aliased(30, `applicationQueue(limit: 30, asOf: "${LAST}") { ${QUEUE_ROW} }`),
    },
    {
      request: `the window's queue of 500 rows (the most a list gives), flags on ${LAST.slice(0, 10)}`,
      who: 'window staff',
      token: staff,
      query: `{ applicationQueue(limit: 500, asOf: "${LAST}") { ${QUEUE_ROW} } }`,
    },
    {
      request: 'the audit trail, 1 000 records, aliased as often as the cost allows',
      who: 'window staff',
      token: staff,
      query: aliased(4, `auditRecords(limit: 1000) { ${AUDIT} }`),
    },
  ];
  const rows: WorstRow[] = [];
  for (const c of candidates) {
    const cost = costOf(c.query);
    const runsMs: number[] = [];
    const during: number[] = [];
    for (let run = 0; run < options.runs + 1; run++) {
      const t0 = performance.now();
      const request = s.gql(c.query, {}, c.token).then((r) => {
        const elapsed = since(t0);
        if (r.status !== 200 || !r.data)
          throw new Error(`${c.request}: ${r.status} ${JSON.stringify(r.errors).slice(0, 300)}`);
        return elapsed;
      });
      const h = await health();
      const elapsed = await request;
      if (run > 0) {
        runsMs.push(round(elapsed));
        during.push(h);
      }
    }
    rows.push({
      request: c.request,
      who: c.who,
      cost,
      runsMs,
      medianMs: round(median(runsMs)),
      hallHealthMs: round(median(during)),
    });
  }
  return { applications: options.applications, hallHealthAloneMs: round(median(alone)), rows };
}
