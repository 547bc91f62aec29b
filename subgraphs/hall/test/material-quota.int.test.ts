import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import {
  generateIdentityKey,
  IDENTITY_HEADER,
  type Identity,
  identityKeySet,
  jwksOf,
  signIdentity,
} from '@onething/runtime/identity';
import { createSubgraphServer, type Subgraph, subgraphMetrics } from '@onething/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Applications } from '../src/applications/store';
import { materialRoutes } from '../src/materials';
import { type Database, openDatabase } from '../src/platform/database';

const { key } = generateIdentityKey();
const log = createLogger('quota-test', process.env.TEST_LOG ?? 'silent');
const applicant = (idNumber: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  idNumber,
  enterprises: [],
  departments: [],
});
const me = applicant('110101199003074477');
const other = applicant('440524188001010014');
const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { ok: Boolean }`;

describe('the quota of uploads an applicant holds, and deleting one', () => {
  let db: Database;
  let dir: string;
  let subgraph: Subgraph;
  let base: string;
  const send = async (identity: Identity, method: string, path: string, body?: Buffer) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { [IDENTITY_HEADER]: await signIdentity(identity, key) },
      ...(body ? { body } : {}),
    });
    const json = res.headers.get('content-type')?.startsWith('application/json');
    return { status: res.status, body: json ? await res.json() : await res.arrayBuffer() } as {
      status: number;
      body: any;
    };
  };

  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    dir = mkdtempSync(join(tmpdir(), 'materials-'));
    subgraph = createSubgraphServer({
      department: 'hall',
      sdl: SDL,
      resolvers: [{ Query: { ok: () => true } }],
      identityKeys: identityKeySet(jwksOf([key])),
      loaders: () => ({}),
      log,
      host: '127.0.0.1',
      port: 0,
      metrics: subgraphMetrics('hall'),
      routes: (app) =>
        app.register(materialRoutes, {
          db,
          dir,
          maxBytes: 64 * 1024,
          log,
          sentWith: () => true,
          quota: { files: 3, bytes: 10_000 },
          retentionHours: 168,
        }),
      identityPaths: ['/graphql', '/materials'],
    });
    base = await subgraph.listen();
  });
  afterAll(async () => {
    await subgraph?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the upload past the bytes or the files allowed, saying how to free space', async () => {
    const first = await send(me, 'POST', '/materials', png(4_000));
    const second = await send(me, 'POST', '/materials', png(4_000));
    expect([first.status, second.status]).toEqual([201, 201]);
    const tooBig = await send(me, 'POST', '/materials', png(4_000));
    expect(tooBig.status).toBe(403);
    expect(tooBig.body.errors[0].extensions).toMatchObject({
      code: 'MATERIAL_QUOTA_EXCEEDED',
      maxFiles: 3,
      maxBytes: 10_000,
      usedFiles: 2,
      usedBytes: 8_000,
    });
    expect(tooBig.body.errors[0].message).toMatch(/DELETE \/materials\/<id>.*168 hours/);
    expect((await send(me, 'POST', '/materials', png(1_000))).status).toBe(201);
    const tooMany = await send(me, 'POST', '/materials', png(100));
    expect(tooMany.status).toBe(403);
    expect(tooMany.body.errors[0].message).toMatch(/already hold 3 uploads/);
    // Someone else's quota is their own.
    expect((await send(other, 'POST', '/materials', png(4_000))).status).toBe(201);

    // Handing one in frees its place; deleting one frees its place.
    await new Applications(db).create({
      applicant: { idNumber: me.idNumber!, name: '李四', subject: me.subject, enterprises: [] },
      enterpriseUscc: null,
      bundleCode: 'HOUSE-TRANSFER',
      options: [],
      values: [],
      materials: [{ id: 'bank-card', uploadId: first.body.id }],
      parts: [{ itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 }],
    });
    expect((await send(me, 'POST', '/materials', png(100))).status).toBe(201);
    expect((await send(me, 'POST', '/materials', png(100))).status).toBe(403);
    expect((await send(me, 'DELETE', `/materials/${second.body.id}`)).status).toBe(204);
    expect((await send(me, 'GET', `/materials/${second.body.id}`)).status).toBe(404);
    expect((await send(me, 'POST', '/materials', png(100))).status).toBe(201);
  });

  it('deletes only the owner’s own upload, and never one handed in', async () => {
    const mine = await send(me, 'POST', '/materials', png(200));
    expect(mine.status === 201 || mine.status === 403).toBe(true);
    const theirs = await send(other, 'POST', '/materials', png(200));
    const refused = await send(me, 'DELETE', `/materials/${theirs.body.id}`);
    expect(refused.status).toBe(404);
    expect(refused.body.errors[0].extensions.code).toBe('MATERIAL_NOT_FOUND');
    expect((await send(other, 'GET', `/materials/${theirs.body.id}`)).status).toBe(200);
    const kept = (
      await db
        .selectFrom('uploads')
        .select('id')
        .where('handed_in_at', 'is not', null)
        .executeTakeFirstOrThrow()
    ).id;
    const handedIn = await send(me, 'DELETE', `/materials/${kept}`);
    expect(handedIn.status).toBe(409);
    expect(handedIn.body.errors[0].extensions.code).toBe('MATERIAL_HANDED_IN');
    expect((await send(me, 'GET', `/materials/${kept}`)).status).toBe(200);
    expect((await send(me, 'DELETE', '/materials/not-an-id')).status).toBe(404);
  });
});
