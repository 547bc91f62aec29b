import type { CaseState } from '@onething/adapter-core';
import { z } from 'zod';
import { STATUSES, semanticKey } from './dictionary';
import { wireInstant } from './records';

/** A case on the fund's wire (业务受理, 业务查询 and 补正受理 all answer one), read as a {@link CaseState}. */
export const caseAnswer = z
  .object({
    slbh: z.string().min(1),
    sxbm: z.string().min(1),
    qqlsh: z.string(),
    sqrzjhm: z.string().min(1),
    blzt: z.enum(Object.keys(STATUSES) as [string, ...string[]]),
    ztsj: wireInstant,
    slsj: wireInstant,
    yy: z.string(),
    bzzd: z.string(),
    jg: z.object({ zd: z.record(z.string(), z.string()), ws: z.record(z.string(), z.string()) }).nullable(),
    lsjl: z.array(z.object({ blzt: z.string(), sj: z.string() })),
  })
  .transform((c): CaseState => {
    const status = STATUSES[c.blzt]!;
    const correctionFields = c.bzzd
      .split(',')
      .filter(Boolean)
      .map((code) => semanticKey(code));
    // Results come back keyed as the hall knows them: field values by semantic key, documents by material id.
    const result = c.jg
      ? {
          ...Object.fromEntries(Object.entries(c.jg.zd).map(([code, v]) => [semanticKey(code), v])),
          ...c.jg.ws,
        }
      : undefined;
    return {
      department: 'fund',
      caseNumber: c.slbh,
      itemCode: c.sxbm,
      applicantIdNumber: c.sqrzjhm,
      status,
      statusAt: c.ztsj,
      acceptedAt: c.slsj,
      ...(c.yy ? { reason: c.yy } : {}),
      ...(status === 'CORRECTION_REQUESTED' ? { correctionFields } : {}),
      ...(result && Object.keys(result).length > 0 ? { result } : {}),
    };
  });

/** 业务查询 by request serial number: `data.list` of cases. */
export const caseListAnswer = z.object({ list: z.array(caseAnswer) });
