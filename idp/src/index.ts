export { type CustomClaimsCheck, checkCustomClaims, personaClaims, serviceClaims } from './claims';
export { type CodeFlowTokens, signInWithCode } from './code-flow';
export type { Mint, TokenResponse } from './dev-grants';
export { ERROR_STATUS, type ErrorBody, type ErrorCode, OAuthError } from './errors';
export { type PublicJwk, readSigningKey, type SigningKey } from './keys';
export { ageOn, personasFor } from './personas';
export { DEV_CLIENT, RESOURCE } from './provider';
export { createDevIdp, type DevIdp, type DevIdpOptions } from './server';
export { type DevIdpConfig, devIdpSettings, type ServiceClients } from './settings';
export { STAFF_PERSONAS } from './staff';
export {
  type Bilingual,
  type IdentityClaims,
  type Persona,
  ROLES,
  type Role,
  type TokenClaims,
} from './types';
