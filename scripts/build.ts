import { performance } from 'node:perf_hooks';
import { buildService, builtEntry, SERVICE_ENTRIES } from './service-build';
import { ensureWebBuilt, webBuildReason } from './web-build';

/**
 * `npm run build`: every service compiled to JavaScript under its package's dist/ (plain `node` runs it,
 * with production dependencies only), and the web app the gateway serves (web/dist, when web/ changed).
 */
const t0 = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
try {
  await Promise.all(SERVICE_ENTRIES.map((entry) => buildService(entry)));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
for (const entry of SERVICE_ENTRIES) say(`  ${entry} → ${builtEntry(entry)}`);
say(`${SERVICE_ENTRIES.length} entry points built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
const reason = webBuildReason();
if (reason) {
  say(`Building the web app (${reason})…`);
  await ensureWebBuilt();
  say('The web app is built: web/dist.');
} else say('The web app is up to date: web/dist.');
