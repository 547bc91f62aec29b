import type { FastifyInstance } from 'fastify';
import { pageOf, readPaging } from '../paging';
import type { MarketState } from '../state';
import { wireItem } from '../wire-items';

/** The item catalogue (事项目录), a page at a time. */
export function itemRoutes(app: FastifyInstance, state: MarketState): void {
  app.get<{ Querystring: { page?: string; pageSize?: string } }>(
    '/api/items',
    { config: { op: 'items.list' } },
    async (req) => {
      const { page, pageSize } = readPaging(req.query);
      const result = pageOf(state.items, page, pageSize);
      req.logged?.keys.push(...result.items.map((i) => i.code));
      return { ...result, items: result.items.map(wireItem) };
    },
  );
}
