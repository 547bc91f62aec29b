import type { GraphQLResolveInfo } from 'graphql';
import { RequestBatches } from '../platform/request-batches';
import type { Application, Part } from './model';
import type { Applications } from './store';

/**
 * The reads of applications one request shares: thirty aliases of one application (or rows of the queue
 * naming the same applications) read each once, not thirty times — the hall's database runs in its own
 * process (PGlite) and a read each held its /health for seconds; and the parts of every application of a
 * list in one statement (the request's batches). A mutation reads afresh: what it changed must show.
 */
export interface ApplicationReads {
  application(id: string): Promise<Application | undefined>;
  parts(applicationId: string): Promise<Part[]>;
}

const memo = <T>(read: (key: string) => Promise<T>) => {
  const seen = new Map<string, Promise<T>>();
  return (key: string): Promise<T> => {
    let p = seen.get(key);
    if (!p) {
      p = read(key);
      seen.set(key, p);
      // A failed read is not kept: the next field asks again.
      p.catch(() => seen.delete(key));
    }
    return p;
  };
};

/** A fresh set of shared reads, for one request. */
export const applicationReads = (apps: Applications, batches = new RequestBatches()): ApplicationReads => ({
  application: memo((id) => apps.get(id)),
  parts: batches.of('parts', (ids) => apps.partsOf(ids), [] as Part[]),
});

/** Reads straight from the store, shared with nothing. */
export const freshReads = (apps: Applications): ApplicationReads => ({
  application: (id) => apps.get(id),
  parts: (id) => apps.parts(id),
});

/** The request's shared reads in a query; reads afresh in a mutation. */
export const readsFor = (
  shared: ApplicationReads | undefined,
  apps: Applications,
  info: GraphQLResolveInfo | undefined,
): ApplicationReads => (shared && info?.operation.operation === 'query' ? shared : freshReads(apps));
