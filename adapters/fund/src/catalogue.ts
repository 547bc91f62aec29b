import type { FieldSpec, ItemSpec, MaterialSpec } from '@onething/adapter-core';
import { z } from 'zod';
import { FIELD_TYPES, ITEM_TYPES, RESULT_KINDS, semanticKey } from './dictionary';
import { wholeNumber, yuan } from './records';

const flag = z.enum(['1', '0']).transform((v) => v === '1');
const codeOf = <T>(table: Readonly<Record<string, T>>, what: string) =>
  z.string().transform((code, ctx) => {
    const value = table[code];
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown ${what} code "${code}"` });
      return z.NEVER;
    }
    return value;
  });

const field = z
  .object({
    zdbm: z.string().min(1),
    yybm: z.string().min(1),
    zdmc: z.string(),
    zdmc_en: z.string(),
    zdlx: z.string(),
    bt: flag,
    kxg: flag,
    ts: z.string().optional(),
    ts_en: z.string().optional(),
    zxcd: wholeNumber.optional(),
    zdcd: wholeNumber.optional(),
    gs: z.string().optional(),
    zxz: z.string().optional(),
    zdz: z.string().optional(),
    xx: z.array(z.object({ dm: z.string(), mc: z.string(), mc_en: z.string(), yyz: z.string() })).optional(),
  })
  .transform((f, ctx): FieldSpec => {
    const type = FIELD_TYPES[f.zdlx];
    if (!type) {
      ctx.addIssue({ code: 'custom', message: `unknown field type code "${f.zdlx}"` });
      return z.NEVER;
    }
    // Limits come in the wire's unit: yuan for money (back to fen here), the value itself otherwise.
    const limit = (v: string | undefined) => {
      if (v === undefined) return undefined;
      const n = type === 'money' ? yuan.safeParse(v).data : Number(v);
      if (n === undefined || Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: `bad limit "${v}"` });
      return n;
    };
    const min = limit(f.zxz);
    const max = limit(f.zdz);
    return {
      key: f.yybm,
      label: { zh: f.zdmc, en: f.zdmc_en },
      type,
      required: f.bt,
      editable: f.kxg,
      ...(f.ts !== undefined ? { hint: { zh: f.ts, en: f.ts_en ?? f.ts } } : {}),
      ...(f.zxcd !== undefined ? { minLength: f.zxcd } : {}),
      ...(f.zdcd !== undefined ? { maxLength: f.zdcd } : {}),
      ...(f.gs !== undefined ? { pattern: f.gs } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(f.xx ? { options: f.xx.map((o) => ({ value: o.yyz, label: { zh: o.mc, en: o.mc_en } })) } : {}),
    };
  });

const material = z
  .object({
    clbm: z.string().min(1),
    clmc: z.string(),
    clmc_en: z.string(),
    bx: flag,
    yj: flag,
    fs: wholeNumber,
    gxbm: z.array(z.string()),
    wjgs: z.array(z.string()),
  })
  .transform(
    (m): MaterialSpec => ({
      id: m.clbm,
      name: { zh: m.clmc, en: m.clmc_en },
      required: m.bx,
      original: m.yj,
      copies: m.fs,
      heldBy: m.gxbm,
      formats: m.wjgs,
    }),
  );

/** 事项查询 `sxcx`: `data.list` of items, read as {@link ItemSpec}s. */
export const catalogueAnswer = z.object({
  list: z.array(
    z
      .object({
        sxbm: z.string().min(1),
        sxmc: z.string(),
        sxmc_en: z.string(),
        sxlx: codeOf(ITEM_TYPES, 'item type'),
        sdyj: z.array(z.string()),
        fdsx: wholeNumber,
        cnsx: wholeNumber,
        sltj: z.array(z.object({ nr: z.string(), nr_en: z.string() })),
        sfbz: yuan,
        pdcs: wholeNumber,
        zdlb: z.array(field),
        cllb: z.array(material),
        bljg: z.object({
          jgmc: z.string(),
          jgmc_en: z.string(),
          jglx: codeOf(RESULT_KINDS, 'result kind'),
          jgcl: z.array(z.string()),
          jgzd: z.array(z.string()),
        }),
      })
      .transform(
        (i): ItemSpec => ({
          department: 'fund',
          code: i.sxbm,
          name: { zh: i.sxmc, en: i.sxmc_en },
          type: i.sxlx,
          legalBasis: i.sdyj,
          legalLimitDays: i.fdsx,
          promisedLimitDays: i.cnsx,
          acceptanceConditions: i.sltj.map((c) => ({ zh: c.nr, en: c.nr_en })),
          feeFen: i.sfbz,
          visits: i.pdcs,
          fields: i.zdlb,
          materials: i.cllb,
          result: {
            name: { zh: i.bljg.jgmc, en: i.bljg.jgmc_en },
            kind: i.bljg.jglx,
            materials: i.bljg.jgcl,
            values: i.bljg.jgzd.map(semanticKey),
          },
        }),
      ),
  ),
});
