import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PersistedQueryOptions } from '@apollo/server';
import type { Role } from '@onething/runtime/identity';

/**
 * Trusted documents: the operations clients registered ahead (the web app's, extracted by `npm run codegen`
 * into a manifest of each operation's text by its SHA-256), which a client sends by hash alone
 * (`extensions.persistedQuery`, as Apollo's persisted queries) and which, where unregistered operations
 * are refused, are the only ones a stranger may run.
 */
export interface TrustedDocuments {
  /** The manifest files read, in order. */
  readonly files: readonly string[];
  /** Each registered operation's text by its SHA-256 (hex). */
  readonly byHash: ReadonlyMap<string, string>;
}

/** The SHA-256 of a text, in hex: the hash Apollo's persisted queries and codegen's manifests use. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Reads manifests: each a JSON object of SHA-256 (hex, or `sha256:` and hex as the GraphQL-over-HTTP
 * persisted documents appendix writes it) to the operation's text, as codegen's client preset writes
 * `persisted-documents.json`. Throws naming the file and what is wrong with it: a file that cannot be
 * read, is not JSON, is not such an object, or holds a hash that is not its text's.
 */
export function readTrustedDocuments(files: readonly string[]): TrustedDocuments {
  const byHash = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${file} cannot be read (${(e as Error).message})`);
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file} is not JSON (${(e as Error).message})`);
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new Error(
        `${file} is not a manifest: a JSON object of each operation's text by its SHA-256, as \`npm run codegen\` writes`,
      );
    for (const [key, operation] of Object.entries(manifest)) {
      const hash = key.replace(/^sha256:/, '');
      if (!HEX_SHA256.test(hash))
        throw new Error(
          `${file}: "${key}" is not a SHA-256 in hex (64 characters 0-9a-f, or sha256: and them)`,
        );
      if (typeof operation !== 'string')
        throw new Error(`${file}: the operation of ${key} is not a string of GraphQL`);
      if (sha256(operation) !== hash)
        throw new Error(
          `${file}: ${key} is not the SHA-256 of its operation's text (${sha256(operation)}); regenerate the manifest`,
        );
      byHash.set(hash, operation);
    }
  }
  return { files, byHash };
}

/** How many characters of operations clients registered at run time (APQ) a gateway keeps, at most. */
const REGISTERED_AT_RUN_TIME_CHARS = 16 * 1024 * 1024;

/**
 * The cache Apollo Server's persisted queries look a hash up in: the manifests' operations first, then,
 * where unregistered operations are allowed, those clients registered at run time (automatic persisted
 * queries: a hash sent with its text), the least recently used forgotten past 16 Mi characters. Where
 * they are refused it registers nothing: a hash is then answered from the manifests alone, and a text sent
 * once does not become callable by its hash.
 */
export function trustedDocumentsCache(
  documents: TrustedDocuments,
  options: { readonly registerAtRunTime: boolean; readonly maxChars?: number },
): NonNullable<PersistedQueryOptions['cache']> {
  const maxChars = options.maxChars ?? REGISTERED_AT_RUN_TIME_CHARS;
  const registered = new Map<string, string>();
  let chars = 0;
  const forget = (hash: string) => {
    const text = registered.get(hash);
    if (text === undefined) return false;
    registered.delete(hash);
    chars -= text.length;
    return true;
  };
  // Apollo Server prefixes the keys of its persisted-query cache (`apq:`): the hash is after the last colon.
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  return {
    async get(key) {
      const hash = hashOf(key);
      const trusted = documents.byHash.get(hash);
      if (trusted !== undefined || !options.registerAtRunTime) return trusted;
      const text = registered.get(hash);
      if (text !== undefined) {
        // Most recently used last: the Map's order is the order of eviction.
        registered.delete(hash);
        registered.set(hash, text);
      }
      return text;
    },
    async set(key, value) {
      const hash = hashOf(key);
      if (!options.registerAtRunTime || documents.byHash.has(hash) || value.length > maxChars) return;
      forget(hash);
      registered.set(hash, value);
      chars += value.length;
      for (const oldest of registered.keys()) {
        if (chars <= maxChars) break;
        forget(oldest);
      }
    },
    async delete(key) {
      return forget(hashOf(key));
    },
  };
}

/** The operation texts a request to /graphql carries: none for one sent by hash alone. */
export function operationTexts(req: { method: string; body?: unknown; query?: unknown }): string[] {
  const carried = req.method === 'GET' ? [req.query] : Array.isArray(req.body) ? req.body : [req.body];
  return carried
    .map((r) => (typeof r === 'object' && r !== null ? (r as { query?: unknown }).query : undefined))
    .filter((q): q is string => typeof q === 'string' && q !== '');
}

/**
 * Whether a request may run: answers why not (the refusal's message) where unregistered operations are
 * refused, the caller's role is not one that may still send them, and a text it carries is in no manifest.
 */
export function unregisteredOperation(
  documents: TrustedDocuments,
  policy: { readonly refuse: boolean; readonly roles: ReadonlySet<Role> },
  texts: readonly string[],
  role: Role,
): string | undefined {
  if (!policy.refuse || policy.roles.has(role)) return undefined;
  const unknown = texts.find((text) => !documents.byHash.has(sha256(text)));
  if (unknown === undefined) return undefined;
  // The files are named by the setting, not by their paths on this server.
  return `this gateway runs only registered operations, and this one (SHA-256 ${sha256(unknown)}) is in no manifest it loads: register it by adding it to a manifest file named in the gateway's TRUSTED_DOCUMENTS_FILES (the web app's operations: \`npm run codegen\` writes web/src/api/generated/persisted-documents.json), then send its hash alone as extensions.persistedQuery`;
}
