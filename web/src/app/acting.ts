import type { OnBehalfOf } from '../api/client';

interface Person {
  readonly idNumber: string;
  readonly name: string;
}

/**
 * Whom the one form is filled for when it is not the signed-in applicant: a walk-in at a window, in the
 * visit the officer opened (一窗受理); a principal, under a delegation naming the signed-in agent (代办);
 * or a principal whose agent came to the window: the visit is the agent's, the delegation names them
 * (窗口代办). Online, for oneself, there is none.
 */
export type Acting =
  | { readonly kind: 'window'; readonly visitId: string; readonly applicant: Person }
  | { readonly kind: 'agent'; readonly delegationId: string; readonly applicant: Person }
  | {
      readonly kind: 'window-agent';
      readonly visitId: string;
      readonly delegationId: string;
      readonly applicant: Person;
      readonly agent: Person;
    };

/** The schema's `onBehalfOf` for an acting (undefined: the caller for themself). */
export function onBehalfOfActing(acting: Acting | undefined): OnBehalfOf | undefined {
  if (!acting) return undefined;
  switch (acting.kind) {
    case 'window':
      return { visitId: acting.visitId };
    case 'agent':
      return { delegationId: acting.delegationId };
    case 'window-agent':
      return { visitId: acting.visitId, delegationId: acting.delegationId };
  }
}

/** Whether the form is filled at a window (the applicant's consent is then signed and witnessed there). */
export const atWindow = (acting: Acting | undefined): acting is Extract<Acting, { visitId: string }> =>
  acting?.kind === 'window' || acting?.kind === 'window-agent';
