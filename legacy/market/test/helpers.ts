import { type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { usccCheckCharacter } from '@onething/schema';
import { createMarketStandIn } from '../src/server';
import { marketSettings } from '../src/settings';

/** Starts a market stand-in as tests want it: 2000 persons, a stopped clock, ports chosen by the OS. */
export async function startMarket(env: Record<string, string> = {}) {
  const config = marketSettings.load({
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PORT: '0',
    SEED_PERSONS: '2000',
    CLOCK_SPEED: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const standIn: StandIn = createMarketStandIn(config, createLogger('x', 'silent'));
  await standIn.listen();
  return { standIn, admin: new StandInAdmin(standIn.adminUrl), population: standIn.ctx.population };
}

/** A small client of the market wire, the way an integrator would call it. */
export function marketApi(url: string, clientId = 'onething') {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'x-client-id': clientId,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire answers
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, key?: string) =>
      call('POST', path, body, key === undefined ? {} : { 'idempotency-key': key }),
  };
}

let seq = 0;
/** A fresh idempotency key. */
export const newKey = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${++seq}`;

/** A valid company establishment application under a name nobody holds. */
export function establishment(
  applicant: { idNumber: string; name: string },
  overrides: Record<string, unknown> = {},
) {
  return {
    itemCode: 'MKT-ESTABLISH',
    applicant,
    form: {
      applicantPhone: '13800000000',
      enterpriseName: `湖州测试${newKey('n')}科技有限公司`,
      enterpriseRegisteredCapital: 500000.5,
      enterpriseAddress: '浙江省湖州市吴兴区人民路1号',
      enterpriseBusinessScope: '软件开发；信息技术咨询服务',
      enterpriseLegalRepIdNumber: applicant.idNumber,
      enterpriseLegalRepName: applicant.name,
      enterpriseEmployeeCount: 12,
      ...overrides,
    },
    materials: [
      { materialId: 'id-card', fileRef: 'file://id-card.pdf' },
      { materialId: 'articles-of-association', fileRef: 'file://articles.pdf' },
      { materialId: 'premises-proof', fileRef: 'file://premises.pdf' },
      { materialId: 'legal-rep-appointment', fileRef: 'file://appointment.pdf' },
    ],
  };
}

/** A well-formed USCC that no seeded enterprise has. */
export function unknownUscc(): string {
  const first17 = '91330502MA0000001';
  return first17 + usccCheckCharacter(first17);
}
