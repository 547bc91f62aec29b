import { startBenchStack } from './bench-stack';
import { parallelApproval } from './scenarios/approval';

const s = await startBenchStack({ clockSpeed: 100_000_000, env: { SETTLE_INTERVAL_MS: '10' } });
try {
  console.log(JSON.stringify(await parallelApproval(s, { runs: 2 }), null, 1));
} finally {
  await s.stop();
}
