import type { OnBehalfOf } from '../api/client';

/**
 * Whom the one form is filled for when it is not the signed-in applicant: a walk-in at a window, in the
 * visit the officer opened (一窗受理), or a principal, under a delegation naming the signed-in agent (代办).
 * Online, for oneself, there is none.
 */
export type Acting =
  | {
      readonly kind: 'window';
      readonly visitId: string;
      readonly applicant: { readonly idNumber: string; readonly name: string };
    }
  | {
      readonly kind: 'agent';
      readonly delegationId: string;
      readonly applicant: { readonly idNumber: string; readonly name: string };
    };

/** The schema's `onBehalfOf` for an acting (undefined: the caller for themself). */
export function onBehalfOfActing(acting: Acting | undefined): OnBehalfOf | undefined {
  if (!acting) return undefined;
  return acting.kind === 'window' ? { visitId: acting.visitId } : { delegationId: acting.delegationId };
}
