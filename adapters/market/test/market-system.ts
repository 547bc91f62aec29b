import type { CaseSubmission } from '@onething/adapter-core';
import { type Population, type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createMarketStandIn, marketSettings } from '@onething/legacy-market';
import { createLogger } from '@onething/runtime';

/** Starts the market stand-in as tests want it: 2000 persons, a stopped clock, ports chosen by the OS. */
export async function startMarketSystem(env: Record<string, string> = {}) {
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

/** An adult of the seeded population, as an applicant. */
export function applicantOf(population: Population, index = 0) {
  const p = population.persons.filter((x) => x.birthDate < '1995-01-01')[index]!;
  return { idNumber: p.idNumber, name: p.name };
}

/**
 * A company establishment in domain terms (semantic keys, fen); its name comes from the key, so the same
 * key always makes the same submission and different keys never ask for the same name.
 */
export function establishment(
  population: Population,
  idempotencyKey: string,
  fields: Record<string, string | number | boolean> = {},
): CaseSubmission {
  const applicant = applicantOf(population);
  return {
    itemCode: 'MKT-ESTABLISH',
    idempotencyKey,
    applicant,
    fields: {
      'applicant.idNumber': applicant.idNumber,
      'applicant.name': applicant.name,
      'applicant.phone': '13800000000',
      'enterprise.name': `湖州${idempotencyKey}科技有限公司`,
      'enterprise.registeredCapital': 100_000_000,
      'enterprise.address': '浙江省湖州市吴兴区人民路1号',
      'enterprise.businessScope': '软件开发；信息技术咨询服务',
      'enterprise.legalRepIdNumber': applicant.idNumber,
      'enterprise.legalRepName': applicant.name,
      'enterprise.employeeCount': 10,
      ...fields,
    },
    materials: [
      { id: 'id-card', reference: 'file://id-card.pdf' },
      { id: 'articles-of-association', reference: 'file://articles.pdf' },
      { id: 'premises-proof', reference: 'file://premises.pdf' },
      { id: 'legal-rep-appointment', reference: 'file://appointment.pdf' },
    ],
  };
}
