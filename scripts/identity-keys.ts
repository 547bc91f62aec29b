import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateIdentityKey, identityKeySet, jwksOf } from '@onething/runtime/identity';

/**
 * The keys of the internal identity header, for whoever deploys the gateway and the subgraphs:
 *
 *   npx tsx scripts/identity-keys.ts new gateway-identity.key          a new Ed25519 private key (mode 600)
 *   npx tsx scripts/identity-keys.ts jwks old.key new.key > jwks.json  the JWKS of these keys' public halves
 *
 * `jwks` takes private or public PEM files and prints only public keys, each named by its RFC 7638
 * thumbprint, which is the `kid` the gateway signs with: give the file to the subgraphs
 * (INTERNAL_IDENTITY_JWKS_FILE). See docs/integrators.md, "Identity and access", for a rotation.
 */
const [command, ...files] = process.argv.slice(2);

function usage(): never {
  console.error(
    'usage: npx tsx scripts/identity-keys.ts new FILE | jwks KEY.pem [KEY.pem …]\n' +
      '  new   writes a new Ed25519 private key (PKCS#8 PEM) to FILE, for INTERNAL_IDENTITY_KEY_FILE\n' +
      '  jwks  prints the JWKS of the public halves of the given keys, for INTERNAL_IDENTITY_JWKS_FILE',
  );
  process.exit(2);
}

if (command === 'new' && files.length === 1) {
  const file = files[0]!;
  if (existsSync(file)) {
    console.error(`${file} exists: a key is never overwritten; name another file`);
    process.exit(1);
  }
  writeFileSync(file, generateIdentityKey().privateKeyPem, { mode: 0o600 });
  console.error(`wrote ${file}; its public key: npx tsx scripts/identity-keys.ts jwks ${file}`);
} else if (command === 'jwks' && files.length > 0) {
  const keys: KeyObject[] = [];
  for (const file of files) {
    try {
      keys.push(createPublicKey(readFileSync(file, 'utf8')));
    } catch (e) {
      console.error(`${file}: not a PEM key (${(e as Error).message})`);
      process.exit(1);
    }
  }
  const jwks = jwksOf(keys);
  try {
    identityKeySet(jwks);
  } catch (e) {
    console.error(`${files.join(', ')}: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(JSON.stringify(jwks, null, 2));
} else usage();
