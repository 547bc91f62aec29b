import type { Application } from '../applications/model';
import type { Resolvers } from '../generated/resolvers-types';
import { type Papers, receiptPath } from './papers';

/**
 * The resolvers of papers: an application's receipt and public status addresses (the Application is only
 * resolved for whoever may read it), and the public status behind a token, for anyone.
 */
export function paperResolvers({ papers }: { readonly papers: Papers }): Resolvers {
  return {
    Query: {
      publicApplicationStatus: (_: unknown, { token }: { token: string }) => papers.publicStatus(token),
    },
    Application: {
      receiptUrl: (a: Application) => receiptPath(a.id),
      publicStatusUrl: (a: Application) => papers.statusUrl(a.id),
    },
  };
}
