import type { BundleDefinition } from '../catalogue/definition';

/**
 * Where a bundle's payment sits among the items chosen: the assessments it waits for and the items it
 * holds back that are in the application (an option left out takes its items with it). None when it
 * holds back nothing chosen, or the bundle has no payment step.
 */
export function paymentAmong(
  bundle: Pick<BundleDefinition, 'payment'>,
  chosen: ReadonlySet<string>,
): { waitsFor: string[]; holds: string[]; proof: string } | null {
  const step = bundle.payment;
  if (!step) return null;
  const holds = step.before.filter((c) => chosen.has(c));
  if (holds.length === 0) return null;
  return { waitsFor: step.after.filter((c) => chosen.has(c)), holds, proof: step.proof };
}
