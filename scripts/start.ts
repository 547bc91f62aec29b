import { join, resolve } from 'node:path';
import { generatePopulation } from '@onething/legacy-kit';
import { moveAsidePreviousRun } from './fresh-start';
import {
  confirmSale,
  HOUSE_TRANSFER_UPLOADS,
  houseTransferValues,
  SUBMIT_APPLICATION,
  unitOfSeller,
  uploadMaterial,
} from './house-transfer-form';
import { ensureServicesBuilt } from './service-build';
import { DEFAULT_PORTS, stackServices, startStack, stopOnSignals } from './stack';
import { ensureWebBuilt, WEB_BUILD_COMMAND, webBuildReason } from './web-build';

/**
 * `npm start`: the whole system on one machine with embedded defaults. Each service runs as its own
 * process (as in deployment); their logs go to data/logs/. Ctrl-C stops everything. `--built` (`npm run
 * start:prod`) runs each service from its build with plain node, as a deployment does, building first
 * whichever service changed since its last build.
 */
const root = resolve(import.meta.dirname, '..');
const logDir = join(root, 'data', 'logs');
const built = process.argv.includes('--built');
// An hour of the departments' time a second: a house transfer completes in about a minute.
const options = { logDir, clockSpeed: Number(process.env.CLOCK_SPEED ?? 3600), persons: 10_000, built };
const specs = stackServices(options);

// The stand-ins start afresh from their seed, so the hall does too (its data moved aside, not deleted);
// a PostgreSQL the operator runs (DATABASE_URL) is theirs to manage and is left alone.
const previous = process.env.DATABASE_URL ? undefined : moveAsidePreviousRun(root);

// The web app the gateway serves at /, built first if web/ changed since its last build. A failed build
// does not stop the rest: the gateway serves the last build, or a page saying how to build it.
const started = Date.now();
const buildReason = webBuildReason();
if (buildReason) console.log(`Building the web app (${buildReason})…`);
const webApp = await ensureWebBuilt().then(
  () => undefined,
  (e: Error) => {
    console.error(`\n${e.message}\nStarting the rest; / serves the last build of the web app, if any.\n`);
    return 'its build failed';
  },
);

if (built) {
  const rebuilt = await ensureServicesBuilt().catch((e: Error) => {
    console.error(`\nCould not build the services: ${e.message}`);
    process.exit(1);
  });
  if (rebuilt.length > 0) console.log(`Built ${rebuilt.map((b) => `${b.entry} (${b.reason})`).join(', ')}.`);
}

console.log(`Starting ${specs.length} services${built ? ' from their builds (plain node)' : ''}…`);
const stack = await startStack(options, specs).catch((e: Error) => {
  console.error(`\nCould not start: ${e.message}\nLogs: ${logDir}`);
  process.exit(1);
});
// From here a signal to this process alone (a process manager's) stops every service; before, a signal
// ends this process and the services follow it (their standard input ends).
const stopping = stopOnSignals(stack, (line) => console.log(line));

const idp = `http://127.0.0.1:${DEFAULT_PORTS.idp}`;
const gateway = `http://127.0.0.1:${DEFAULT_PORTS.gateway}`;
const persona = 'citizen';
const token = await fetch(`${idp}/token?persona=${persona}`)
  .then((r) => r.json() as Promise<{ access_token: string }>)
  .then((t) => t.access_token)
  .catch(() => undefined);
const tokenOf = (p: string) =>
  fetch(`${idp}/token?persona=${p}`)
    .then((r) => r.json() as Promise<{ access_token: string }>)
    .then((t) => t.access_token);
const idNumberIn = (t: string) =>
  JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).id_number as string;

/**
 * The demo: the buyer's house transfer filled from the seeded data, with sample scans uploaded as the
 * buyer, ready to submit from GraphiQL. Nothing is submitted until the user presses ▶.
 */
async function demoLink(): Promise<string> {
  if (!token) throw new Error('no token for the demo buyer');
  const buyer = idNumberIn(token);
  const sellerToken = await tokenOf('seller');
  const seller = idNumberIn(sellerToken);
  const population = generatePopulation({ seed: 20261122, persons: options.persons });
  // The seller persona confirms selling their home to the demo buyer, as every house transfer starts
  // (《不动产登记暂行条例》第十四条: both parties apply); the buyer's form carries that confirmation.
  const confirmation = await confirmSale(gateway, sellerToken, unitOfSeller(population, seller), buyer);
  const materials = [];
  for (const m of HOUSE_TRANSFER_UPLOADS)
    materials.push({ id: m.id, uploadId: await uploadMaterial(gateway, token, m.file, m.name) });
  const variables = {
    input: {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(population, buyer, seller, { 'seller.confirmation': confirmation }),
      materials,
    },
  };
  const fragment = [
    `token=${encodeURIComponent(token)}`,
    `query=${encodeURIComponent(SUBMIT_APPLICATION)}`,
    `variables=${encodeURIComponent(JSON.stringify(variables, null, 2))}`,
  ].join('&');
  return `${gateway}/graphiql#${fragment}`;
}
const demo = await demoLink().catch((e: Error) => `(the demo could not be prepared: ${e.message})`);

const personas = await fetch(`${idp}/personas`)
  .then((r) => r.json() as Promise<{ id: string; name: string; title: { en: string } }[]>)
  .catch(() => []);

const width = Math.max(...specs.map((s) => s.name.length));
console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
console.log(
  `The web app: ${gateway}/${webApp ? `   (${webApp}: fix web/, run ${WEB_BUILD_COMMAND}, reload)` : ''}\n`,
);
for (const s of specs) {
  const extra = Object.entries(s.extra ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`  ${s.name.padEnd(width)}  ${s.url}${extra ? `   (${extra})` : ''}`);
}
console.log(`
The one schema:  ${gateway}/graphql
GraphiQL, signed in as the demo home buyer (${persona}):
  ${gateway}/graphiql#token=${token ?? '<could not get a token>'}

A first query to run there (everything four departments hold about you, in one request):
  { me { idNumber taxpayer { name status } properties { unitCode address } fundAccount { balance status } } }

Buy a second-hand home in one go (一件事): the seller (persona "seller") has confirmed selling you their
home, as both parties must (《不动产登记暂行条例》第十四条); this opens GraphiQL with the house transfer
filled from the departments' data under that confirmation and the scans uploaded. Run "Submit", then "Watch" again and again: the deed tax and
the fund withdrawal are approved in parallel; the fees fall due (一窗收费): pay them once on the page at
payment.order.checkoutUrl (online banking's, for the payment code); then the transfer registration, in seconds.
  ${demo}

Personas (tokens: ${idp}/token?persona=<id>):
${personas.map((p) => `  ${p.id.padEnd(16)} ${p.name}  ${p.title.en}`).join('\n')}

The hall texts the applicant at every change that needs them (accepted, correction, fees due, approved,
refused) through the SMS gateway (短信平台) stand-in, to the number in the form; the web app's 消息 has
the same notices. Texts the gateway sent, per template and number: http://127.0.0.1:${DEFAULT_PORTS.sms.adminPort}/__admin/sent

The departments' clocks run ${options.clockSpeed}× real time (the payment platform's, real time). Logs: ${logDir}
The departments' stand-ins start afresh from their seed at every start, and so does the hall${
  previous ? `: the last run's applications and uploads were moved to ${previous}` : ''
}.
The demo above and the web app's walk share the seller's one home: after one of them has sold it, start again.
Ctrl-C (or a signal to this process) stops everything.`);

for (const s of stack.services.values()) {
  s.process.once('exit', (code, signal) => {
    if (stopping.stopping) return;
    console.error(
      `\n${s.spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${join(logDir, `${s.spec.name}.log`)}`,
    );
    void stopping.stop(1);
  });
}
