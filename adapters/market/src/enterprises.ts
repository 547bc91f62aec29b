import { type DepartmentClient, requireIdentifiers } from '@onething/adapter-core';
import { failure, parseBody, refusalBody } from './answers';
import { toEnterprise } from './codec';
import { type Enterprise, wireEnterprisePageSchema, wireEnterpriseSchema } from './records';

/** The wire's largest page. */
export const MAX_PAGE_SIZE = 50;

/** Reads of the enterprise register, one key per call as the system allows. */
export class EnterpriseReads {
  constructor(
    private readonly client: DepartmentClient,
    private readonly headers: () => Record<string, string>,
    private readonly pageSize: number,
  ) {}

  /** One enterprise by USCC, or null when the register does not hold it. */
  async get(uscc: string): Promise<Enterprise | null> {
    const op = 'enterprise.get';
    const [key] = requireIdentifiers('market', op, 'uscc', [uscc]);
    return this.client.call({
      op,
      kind: 'read',
      method: 'GET',
      path: `/api/enterprises/${encodeURIComponent(key!)}`,
      request: () => ({ headers: this.headers() }),
      interpret: (res) => {
        if (res.status === 200) return toEnterprise(parseBody(res, wireEnterpriseSchema));
        if (res.status === 404 && refusalBody(res).code === 'NOT_FOUND') return null;
        throw failure(this.client, op, res);
      },
    });
  }

  /** Every enterprise a person represents, walking the pages (one call each). */
  async representedBy(idNumber: string): Promise<Enterprise[]> {
    const op = 'enterprise.list';
    const [id] = requireIdentifiers('market', op, 'idNumber', [idNumber]);
    const found = new Map<string, Enterprise>();
    for (let page = 1; ; page++) {
      const answer = await this.client.call({
        op,
        kind: 'read',
        method: 'GET',
        path: `/api/enterprises?legalRepIdNumber=${encodeURIComponent(id!)}&page=${page}&pageSize=${this.pageSize}`,
        request: () => ({ headers: this.headers() }),
        interpret: (res) => {
          if (res.status !== 200) throw failure(this.client, op, res);
          const body = parseBody(res, wireEnterprisePageSchema);
          if (body.page !== page) throw new Error(`asked for page ${page}, got page ${body.page}`);
          return body;
        },
      });
      for (const e of answer.items) found.set(e.uscc, toEnterprise(e));
      // Stop at the last page; an empty page ends the walk even if the total moved meanwhile.
      if (answer.items.length === 0 || page * answer.pageSize >= answer.total) return [...found.values()];
    }
  }
}
