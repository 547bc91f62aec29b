import type { FastifyInstance } from 'fastify';
import { Refusal } from '../codes';
import { registerService } from '../service';
import { itemToWire } from '../wire-items';
import type { FundRouteContext } from './context';

/** The catalogue service (事项查询 `sxcx`): every item, or the one named by `sxbm`. */
export function registerItemService(app: FastifyInstance, f: FundRouteContext): void {
  const published = new Map([...f.items.values()].map((i) => [i.code, itemToWire(i)]));
  registerService(app, f.auth, 'sxcx', (p, req) => {
    if (!p.sxbm) return { list: [...published.values()] };
    const item = published.get(p.sxbm);
    if (!item) throw new Refusal('E3001', `事项不存在：${p.sxbm}`);
    req.logged?.keys.push(p.sxbm);
    return { list: [item] };
  });
}
