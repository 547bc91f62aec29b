import type { KeyObject } from 'node:crypto';
import {
  type AdapterHooks,
  type ClientSettings,
  type DepartmentAdapter,
  DepartmentClient,
  freeOfChargeAssessment,
  Semaphore,
  singleKeyLoader,
} from '@onething/adapter-core';
import type DataLoader from 'dataloader';
import { failure, parseBody } from './answers';
import { MarketCases } from './cases';
import { Catalogue, toItemSpec } from './catalogue';
import { EnterpriseReads, MAX_PAGE_SIZE } from './enterprises';
import { MARKET_FEES } from './fees';
import { MarketLicences } from './licences';
import { type Enterprise, type WireItem, wireItemPageSchema } from './records';

/** Options of the market adapter. */
export interface MarketAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** How the system knows us: its `X-Client-Id` (default `onething`). */
  readonly clientId?: string;
  /** Calls in flight at once for single-key reads, shared by every request of the process (default 8). */
  readonly concurrency?: number;
  /** Page size when walking lists, at most 50 (default 50). */
  readonly pageSize?: number;
  /** How long the item catalogue is kept before it is read again (default 10 minutes). */
  readonly catalogueTtlMs?: number;
  /** The registry's public key its licences are signed with (its development key's when not given). */
  readonly documentPublicKey?: KeyObject;
}

/** Per-request loaders of the market adapter: same key once per request, few calls in flight. */
export interface MarketLoaders {
  /** Enterprise by USCC. */
  readonly enterprise: DataLoader<string, Enterprise | null>;
  /** The enterprises a person (by ID number) represents as legal representative. */
  readonly enterprisesRepresentedBy: DataLoader<string, Enterprise[] | null>;
}

/** The market regulation adapter: the department contract plus the register's reads. */
export interface MarketAdapter extends DepartmentAdapter {
  readonly department: 'market';
  enterprise(uscc: string): Promise<Enterprise | null>;
  enterprisesRepresentedBy(idNumber: string): Promise<Enterprise[]>;
  /** A fresh set of loaders; create one per GraphQL request. */
  loaders(): MarketLoaders;
}

const normalise = (key: string) => key.trim().toUpperCase();

/**
 * Builds the market regulation (市场监管) adapter. The system reads one key per call, so reads go
 * through single-key loaders under one semaphore owned by the adapter; 429s are retried by the core
 * after the Retry-After they carry.
 */
export function createMarketAdapter(options: MarketAdapterOptions): MarketAdapter {
  const client = new DepartmentClient('market', options.client, options.hooks);
  const clientId = options.clientId ?? 'onething';
  const headers = () => ({ 'x-client-id': clientId, accept: 'application/json' });
  const semaphore = new Semaphore(options.concurrency ?? 8);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
  const enterprises = new EnterpriseReads(client, headers, pageSize);

  const itemPage = (page: number) =>
    client.call({
      op: 'items.list',
      kind: 'read',
      method: 'GET',
      path: `/api/items?page=${page}&pageSize=${MAX_PAGE_SIZE}`,
      request: () => ({ headers: headers() }),
      interpret: (res) => {
        if (res.status !== 200) throw failure(client, 'items.list', res);
        return parseBody(res, wireItemPageSchema);
      },
    });
  const catalogue = new Catalogue(async () => {
    const items: WireItem[] = [];
    for (let page = 1; ; page++) {
      const answer = await itemPage(page);
      items.push(...answer.items);
      if (answer.items.length === 0 || page * answer.pageSize >= answer.total) return items;
    }
  }, options.catalogueTtlMs ?? 600_000);
  const cases = new MarketCases(client, headers, catalogue);
  const licences = new MarketLicences(client, headers, options.documentPublicKey);

  return {
    department: 'market',
    enterprise: (uscc) => semaphore.run(() => enterprises.get(uscc)),
    enterprisesRepresentedBy: (idNumber) => semaphore.run(() => enterprises.representedBy(idNumber)),
    loaders: () => ({
      enterprise: singleKeyLoader({ semaphore, normalise, load: (uscc) => enterprises.get(uscc) }),
      enterprisesRepresentedBy: singleKeyLoader({
        semaphore,
        normalise,
        load: (id) => enterprises.representedBy(id),
      }),
    }),
    listItems: async () => (await catalogue.get()).map(toItemSpec),
    submitCase: (submission) => cases.submit(submission),
    getCase: (caseNumber) => cases.get(caseNumber),
    findCase: (itemCode, key) => cases.find(itemCode, key),
    correctCase: (caseNumber, fields, key) => cases.correct(caseNumber, fields, key),
    getDocuments: (caseNumber) => licences.ofApplication(caseNumber),
    // No call to the system: there is nothing to compute (data/fees.json).
    assessFees: async (request) => freeOfChargeAssessment(MARKET_FEES, request),
    close: () => client.close(),
  };
}
