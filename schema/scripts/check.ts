import { checkOurSchema, formatReport } from '../src/check';

// `npm run schema:check`: does the changed schema compose, break no client, and keep every registered
// operation valid? Prints each problem with its fix; exits 1 on any. See docs/departments.md.
try {
  const result = await checkOurSchema();
  process.stdout.write(formatReport(result));
  process.exit(result.passed ? 0 : 1);
} catch (e) {
  process.stderr.write(`schema check could not run: ${(e as Error).message}\n`);
  process.exit(1);
}
