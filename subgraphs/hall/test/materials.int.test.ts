import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
const MAX = 64 * 1024;
const log = createLogger('materials-test', process.env.TEST_LOG ?? 'silent');

const me = '11010519491231002X';
const other = '440524188001010014';
const applicant = (idNumber: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  idNumber,
  enterprises: [],
  departments: [],
});
const windowStaff: Identity = { subject: 'w-001', role: 'window-staff', enterprises: [], departments: [] };
const taxStaff: Identity = {
  subject: 't-001',
  role: 'department-staff',
  enterprises: [],
  departments: ['tax'],
};
const staffOf = (department: string): Identity => ({
  subject: `${department}-001`,
  role: 'department-staff',
  enterprises: [],
  departments: [department],
});
const anonymous: Identity = { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] };

// Real headers followed by random bytes: a round trip must keep every byte, not just text.
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(3000)]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  randomBytes(5000),
]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000)]);

/** The materials each item asks for, as the departments publish them: what the hall sends with its case. */
const ASKS: Readonly<Record<string, readonly string[]>> = {
  'TAX-DEED-TAX': ['id-card', 'sale-contract', 'property-certificate'],
  'FUND-PURCHASE-WITHDRAWAL': ['id-card', 'sale-contract', 'bank-card'],
};

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { ok: Boolean }`;

interface Sent {
  status: number;
  headers: Headers;
  body: any;
}

describe('material uploads on the hall', () => {
  let db: Database;
  let dir: string;
  let subgraph: Subgraph;
  let base: string;

  const as = async (identity: Identity | undefined): Promise<Record<string, string>> =>
    identity ? { [IDENTITY_HEADER]: await signIdentity(identity, key) } : {};
  const upload = async (
    identity: Identity | undefined,
    body: RequestInit['body'],
    headers: Record<string, string> = {},
  ): Promise<Sent> => {
    const res = await fetch(`${base}/materials`, {
      method: 'POST',
      headers: { ...(await as(identity)), ...headers },
      ...(body === undefined ? {} : { body }),
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: res.status, headers: res.headers, body: await res.json() };
  };
  const download = async (identity: Identity | undefined, id: string) => {
    const res = await fetch(`${base}/materials/${encodeURIComponent(id)}`, { headers: await as(identity) });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const blobFiles = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const records = async () =>
    Number(
      (
        await db
          .selectFrom('uploads')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** What a refused upload left behind: nothing. */
  const expectNothingWritten = async (files: number, rows: number) => {
    expect(blobFiles()).toBe(files);
    expect(await records()).toBe(rows);
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
          maxBytes: MAX,
          log,
          sentWith: (itemCode, materialId) => ASKS[itemCode]?.includes(materialId) ?? false,
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

  it.each([
    ['PDF', PDF, 'application/pdf', '身份证 正反面.pdf'],
    ['JPEG', JPEG, 'image/jpeg', '户口簿.jpg'],
    ['PNG', PNG, 'image/png', 'contract.png'],
  ])('stores a %s and gives it back byte for byte', async (_, file, type, name) => {
    const r = await upload(applicant(me), file, {
      'content-type': type,
      'x-material-name': encodeURIComponent(name),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name,
      contentType: type,
      size: file.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(new Date(r.body.uploadedAt).toISOString()).toBe(r.body.uploadedAt);
    const back = await download(applicant(me), r.body.id);
    expect(back.status).toBe(200);
    expect(back.bytes.equals(file)).toBe(true);
    expect(back.headers.get('content-type')).toBe(type);
    expect(back.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps the same content once on disk, with a record for each upload', async () => {
    const file = Buffer.concat([PNG.subarray(0, 8), randomBytes(2000)]);
    const [files, rows] = [blobFiles(), await records()];
    const first = await upload(applicant(me), file, { 'x-material-name': 'first.png' });
    const second = await upload(applicant(other), file, { 'x-material-name': 'second.png' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(blobFiles()).toBe(files + 1);
    expect(await records()).toBe(rows + 2);
    expect((await download(applicant(other), second.body.id)).bytes.equals(file)).toBe(true);
  });

  it('goes by the content, not the claim: a PDF sent as application/octet-stream or without a type is a PDF', async () => {
    const r = await upload(applicant(me), PDF, { 'content-type': 'application/octet-stream' });
    expect(r.body).toMatchObject({ contentType: 'application/pdf', name: 'material.pdf' });
    const streamed = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(JPEG.subarray(0, 100)));
        c.enqueue(new Uint8Array(JPEG.subarray(100)));
        c.close();
      },
    });
    const chunked = await upload(applicant(me), streamed);
    expect(chunked.status).toBe(201);
    expect(chunked.body.contentType).toBe('image/jpeg');
    expect((await download(applicant(me), chunked.body.id)).bytes.equals(JPEG)).toBe(true);
  });

  it.each<[string, () => Promise<Sent>, number, string, RegExp]>([
    [
      'an empty body',
      () => upload(applicant(me), Buffer.alloc(0), { 'content-type': 'application/pdf' }),
      400,
      'MATERIAL_EMPTY',
      /no body/,
    ],
    ['no body at all', () => upload(applicant(me), undefined), 400, 'MATERIAL_EMPTY', /no body/],
    [
      'a file over the limit',
      () => upload(applicant(me), Buffer.concat([PDF.subarray(0, 8), Buffer.alloc(MAX)])),
      413,
      'MATERIAL_TOO_LARGE',
      /larger than 64 KiB \(65536 bytes\)/,
    ],
    [
      'a file over the limit sent in chunks, without a length',
      () =>
        upload(
          applicant(me),
          new ReadableStream({
            start(c) {
              for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(MAX / 4));
              c.close();
            },
          }),
        ),
      413,
      'MATERIAL_TOO_LARGE',
      /65536 bytes/,
    ],
    [
      'a text file named .pdf',
      () =>
        upload(applicant(me), 'just text', { 'content-type': 'application/pdf', 'x-material-name': 'a.pdf' }),
      415,
      'MATERIAL_TYPE_NOT_ALLOWED',
      /PDF \(application\/pdf\), JPEG \(image\/jpeg\), PNG \(image\/png\)/,
    ],
    [
      'an HTML page',
      () =>
        upload(applicant(me), '<!DOCTYPE html><script>alert(1)</script>', { 'content-type': 'text/html' }),
      415,
      'MATERIAL_TYPE_NOT_ALLOWED',
      /judged by its content/,
    ],
    [
      'a PNG claimed as PDF',
      () => upload(applicant(me), PNG, { 'content-type': 'application/pdf' }),
      415,
      'MATERIAL_TYPE_MISMATCH',
      /says it is PDF \(application\/pdf\) but its content is PNG/,
    ],
    [
      'a name that is not URI-encoded',
      () => upload(applicant(me), PNG, { 'x-material-name': '%E4%B8' }),
      400,
      'MATERIAL_NAME_INVALID',
      /encodeURIComponent/,
    ],
    [
      'a name over 200 characters',
      () => upload(applicant(me), PNG, { 'x-material-name': encodeURIComponent('证'.repeat(201)) }),
      400,
      'MATERIAL_NAME_INVALID',
      /at most 200/,
    ],
    ['window staff', () => upload(windowStaff, PNG), 403, 'FORBIDDEN', /only applicants upload/],
    ['an anonymous identity', () => upload(anonymous, PNG), 403, 'FORBIDDEN', /signed in as anonymous/],
    ['no identity header', () => upload(undefined, PNG), 401, 'UNAUTHENTICATED', /through the gateway/],
  ])('refuses %s, and writes neither a record nor a file', async (_, send, status, code, message) => {
    const [files, rows] = [blobFiles(), await records()];
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.body.errors[0].extensions.code).toBe(code);
    expect(r.body.errors[0].message).toMatch(message);
    await expectNothingWritten(files, rows);
  });

  it('serves a material to its applicant and window staff; to anyone else it does not exist', async () => {
    const { body } = await upload(applicant(me), PDF, { 'x-material-name': 'deed.pdf' });
    expect((await download(windowStaff, body.id)).bytes.equals(PDF)).toBe(true);
    const unknown = await download(applicant(me), 'no-such-material');
    // A department's staff see it once it is handed in with an application for their department (the
    // stack tests hand one in); before, it is not theirs to see.
    for (const who of [applicant(other), anonymous, taxStaff]) {
      const r = await download(who, body.id);
      expect(r.status).toBe(404);
      expect(JSON.parse(r.bytes.toString())).toEqual({
        errors: [
          {
            message: `there is no material ${body.id} that you may see`,
            extensions: { code: 'MATERIAL_NOT_FOUND' },
          },
        ],
      });
    }
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.bytes.toString()).errors[0].extensions.code).toBe('MATERIAL_NOT_FOUND');
    const noHeader = await download(undefined, body.id);
    expect(noHeader.status).toBe(401);
    expect(JSON.parse(noHeader.bytes.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('opens a material to a department’s staff only when an application sent it to their department', async () => {
    const card = (await upload(applicant(me), PNG, { 'x-material-name': 'bank-card.png' })).body.id;
    const contract = (await upload(applicant(me), PDF, { 'x-material-name': 'contract.pdf' })).body.id;
    const stray = (await upload(applicant(me), JPEG, { 'x-material-name': 'not-handed-in.jpg' })).body.id;
    await new Applications(db).create({
      applicant: { idNumber: me, name: '张三', subject: me, enterprises: [] },
      enterpriseUscc: null,
      bundleCode: 'HOUSE-TRANSFER',
      options: [],
      values: [],
      materials: [
        { id: 'bank-card', uploadId: card },
        { id: 'sale-contract', uploadId: contract },
      ],
      parts: [
        { itemCode: 'TAX-DEED-TAX', department: 'tax', after: [], promisedDays: 1 },
        { itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 },
      ],
    });
    const status = async (who: Identity, id: string) => (await download(who, id)).status;
    // The contract goes with both parts; the bank card only with the fund's withdrawal, which pays into it.
    expect(await status(staffOf('tax'), contract)).toBe(200);
    expect(await status(staffOf('fund'), contract)).toBe(200);
    expect(await status(staffOf('fund'), card)).toBe(200);
    expect(await status(staffOf('tax'), card)).toBe(404);
    for (const id of [card, contract, stray]) expect(await status(staffOf('market'), id)).toBe(404);
    for (const d of ['tax', 'fund']) expect(await status(staffOf(d), stray)).toBe(404);
  });

  it('leaves /graphql its JSON parser', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await as(applicant(me))) },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await res.json()).toEqual({ data: { ok: true } });
  });
});
