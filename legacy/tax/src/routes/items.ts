import type { FastifyInstance } from 'fastify';
import { ok } from '../envelope';
import { itemToWire } from '../wire-items';
import type { TaxDeps } from './deps';

/** `GET /api/v1/items`: the item catalogue (实施清单) with every element, in the wire's terms. */
export function itemRoutes(app: FastifyInstance, { items }: TaxDeps): void {
  const catalogue = ok({ items: [...items.values()].map(itemToWire) });
  app.get('/items', { config: { op: 'items.list' } }, async () => catalogue);
}
