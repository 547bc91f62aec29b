import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS, errorBody, isErrorCode } from './errors';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Our services' and the web app's sources; the legacy/* stand-ins speak their departments' own protocols. */
const SOURCE_DIRS = [
  'runtime/src',
  'schema/src',
  'adapters',
  'subgraphs',
  'gateway/src',
  'idp/src',
  'web/src',
];

function sourcesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'test') return [];
    if (statSync(path).isDirectory()) return sourcesIn(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Where a code is put in an answer, compared against, or fallen back to. */
const PATTERNS = [
  /\bcode:\s*'([A-Z][A-Z0-9_]*)'/g,
  /\bcode\s*[!=]==\s*'([A-Z][A-Z0-9_]*)'/g,
  /\bcode\s*\?\?\s*'([A-Z][A-Z0-9_]*)'/g,
  /\b(?:sendError|subgraphError|codedError|refuse|DispatchError)\(\s*(?:[^,()'`]+,\s*)?'([A-Z][A-Z0-9_]*)'/g,
];

/** Codes that are not ours and never reach a client as `extensions.code`. */
const NOT_OURS = [
  /^(FST_|ERR_|HPE_|UND_ERR_)/, // Fastify's, Node's and undici's error codes, read from errors they throw
  /^E[A-Z]+$/, // errno (ECONNRESET)
];
/** Files whose codes are said to someone else than a client. */
const ELSEWHERE: Record<string, string> = {
  'schema/src/compose.ts': "composition hints' codes, at build time",
  'gateway/src/plugins/metrics.ts': 'a metric label for errors without a code',
  'subgraphs/payment/src/notifications.ts':
    'the payment platform’s acknowledgement of its notification (`{"code":"SUCCESS"}`), in its protocol',
};

describe('the error registry', () => {
  it('holds every code a service sends, compares or falls back to', () => {
    const found = new Map<string, string>();
    for (const file of SOURCE_DIRS.flatMap((d) => sourcesIn(join(ROOT, d)))) {
      const where = relative(ROOT, file);
      if (ELSEWHERE[where]) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of PATTERNS)
        for (const m of text.matchAll(pattern)) {
          const code = m[1]!;
          if (!NOT_OURS.some((n) => n.test(code))) found.set(code, where);
        }
    }
    // The scan sees what the services send (a scan finding nothing would pass whatever they sent).
    expect([...found.keys()]).toEqual(
      expect.arrayContaining(['RATE_LIMITED', 'NOT_READY', 'DEPARTMENT_UNAVAILABLE', 'MATERIAL_NOT_FOUND']),
    );
    const unknown = [...found]
      .filter(([code]) => !isErrorCode(code))
      .map(([code, where]) => `${code} (${where})`);
    expect(
      unknown,
      'add these codes to schema/src/errors.ts (then npx tsx scripts/errors-doc.ts --write)',
    ).toEqual([]);
  });

  it('says of every code its status, whether to retry, and what it means in en and zh', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.status, code).toBeGreaterThanOrEqual(200);
      expect(e.status, code).toBeLessThan(600);
      expect(e.en.length, code).toBeGreaterThan(10);
      expect(e.zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('writes an error in the one shape, its code first', () => {
    expect(errorBody('NOT_FOUND', 'there is nothing at GET /x', { department: 'tax' })).toEqual({
      errors: [
        { message: 'there is nothing at GET /x', extensions: { code: 'NOT_FOUND', department: 'tax' } },
      ],
    });
  });
});
