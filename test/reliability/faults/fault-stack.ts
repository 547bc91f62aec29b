import type { StackOptions } from '../../../scripts/stack';
import type { Department, TestStack } from '../../stack/support';
import { startTestStack } from '../../stack/support';

/**
 * The whole stack as the reliability suite runs it: as deployed (NODE_ENV=production, where libraries
 * behave as in production: vitest's NODE_ENV=test would otherwise reach every service), the departments'
 * clocks at an hour a second as `npm start` runs them, so cases move on while the faults go on.
 */
export function startFaultStack(options: StackOptions = {}): Promise<TestStack> {
  return startTestStack({
    clockSpeed: 3600,
    ...options,
    env: { NODE_ENV: 'production', ...options.env },
  });
}

/** Each department subgraph's own timeout of a call to its system (SYSTEM_TIMEOUT_MS defaults). */
export const SYSTEM_TIMEOUT_MS: Readonly<Record<Department, number>> = {
  tax: 2_000,
  market: 2_000,
  realestate: 5_000,
  fund: 2_000,
};

/** The stand-ins' operations that make a case (tax, fund, registry, market). */
export const SUBMIT_OPS: string[] = ['cases.submit', 'ywsl', 'SubmitApplication', 'applications.submit'];

/** The subgraph of a department, where its metrics are. */
export const subgraphUrl = (s: TestStack, d: Department) => `http://127.0.0.1:${s.ports.subgraphs[d]}`;

/** Services of the stack whose process has ended (a crash, when nothing stopped it on purpose). */
export function ended(s: TestStack): string[] {
  return [...s.stack.services.values()]
    .filter((svc) => svc.process.exitCode !== null || svc.process.signalCode !== null)
    .map((svc) => `${svc.spec.name} (${svc.process.exitCode ?? svc.process.signalCode})`);
}
