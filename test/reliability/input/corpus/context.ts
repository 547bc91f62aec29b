import type { IdentitySigningKey } from '@onething/runtime/identity';
import type { StackPorts } from '../../../../scripts/stack';
import type { HostileCase } from '../case';
import type { ProviderKey } from '../forge';

/** Whose tokens the corpus holds: the identity provider's personas, and the corpus's own applicant. */
export type TokenName =
  | 'citizen'
  | 'seller'
  | 'legal-rep'
  | 'window-staff'
  | 'staff-tax'
  | 'staff-market'
  | 'staff-realestate'
  | 'staff-fund'
  | 'applicant'
  /** The hall's service token (client credentials): the one caller of the departments' case operations. */
  | 'hall';

/** What the corpus needs to know of the stack it runs on: tokens, ids and a right form to spoil. */
export interface CorpusContext {
  readonly ports: StackPorts;
  /** The gateway's private key signing the internal identity header (only a stolen key would allow this). */
  readonly identityKey: IdentitySigningKey;
  /** The identity provider's signing key (the suite made it). */
  readonly providerKey: ProviderKey;
  readonly issuer: string;
  readonly audience: string;
  /** Tokens by persona (citizen, seller, legal-rep, window-staff, staff-tax…) and `applicant`. */
  readonly tokens: Readonly<Record<TokenName, string>>;
  /** The applicant the corpus hands forms in as: a buyer with a seller, uploads and one application. */
  readonly applicant: {
    readonly idNumber: string;
    readonly name: string;
    /** A house transfer form that is right in every field. */
    readonly values: readonly { key: string; value: string }[];
    readonly materials: readonly { id: string; uploadId: string }[];
    readonly applicationId: string;
    readonly partId: string;
  };
  /** An upload of someone else's. */
  readonly otherUploadId: string;
}

/**
 * A GraphQL request as the hall sends it acting for the corpus's applicant: its service token and
 * x-onething-acting-for. The departments' case operations take no other caller, so this is how bad values
 * reach their checks.
 */
export function asHall(ctx: CorpusContext, request: Pick<HostileCase, 'path' | 'headers' | 'body'>) {
  return {
    ...request,
    headers: {
      ...request.headers,
      authorization: `Bearer ${ctx.tokens.hall}`,
      'x-onething-acting-for': ctx.applicant.idNumber,
    },
  };
}

/** The right form with one value replaced. */
export const spoiled = (ctx: CorpusContext, key: string, value: string) =>
  ctx.applicant.values.map((v) => (v.key === key ? { key, value } : v));
