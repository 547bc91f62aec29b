import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevelopmentIdentityKeys, developmentIdentityKeys } from '@onething/runtime/identity';

/** A key pair of the test's own in a temporary directory: the gateway's key file and the subgraphs' JWKS. */
export const testIdentityKeys = (): DevelopmentIdentityKeys =>
  developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'identity-keys-')));
