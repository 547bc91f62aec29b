import { fixReadLatencies, startBenchStack, startStockGateway } from './bench-stack';
import { knownPersons } from './persons';
import { gatewayThroughput } from './scenarios/throughput';

const s = await startBenchStack();
try {
  const stock = await startStockGateway(s);
  await fixReadLatencies(s);
  const persons = await knownPersons(s, 200);
  const f = await gatewayThroughput(s, stock, persons, {
    connections: Number(process.env.C ?? 32),
    durationSeconds: 8,
    runs: 2,
  });
  console.log(JSON.stringify(f, null, 1));
  await stock.stack.stop();
} finally {
  await s.stop();
}
