import { yuanToFen } from '@onething/schema';
import { z } from 'zod';
import { isoDate, isoInstant } from './time';

/** A personal provident fund account (个人账户). */
export interface FundAccount {
  readonly personalAccount: string;
  readonly idNumber: string;
  readonly name: string;
  readonly employerAccount: string;
  readonly balanceFen: number;
  readonly monthlyDepositFen: number;
  /** 正常 or 封存 (sealed: no deposits, no withdrawals for purchase). */
  readonly status: 'NORMAL' | 'SEALED';
  readonly openedOn: string;
  readonly updatedAt: string;
}

/** An employer's provident fund account (单位账户). */
export interface EmployerAccount {
  readonly employerAccount: string;
  readonly name: string;
  readonly uscc: string;
  /** Registered address on file with the fund; absent when the fund has none. */
  readonly address?: string;
  readonly depositRatePercent: number;
  readonly openedOn: string;
  readonly updatedAt: string;
}

/** A provident fund home loan (公积金贷款). */
export interface FundLoan {
  readonly loanAccount: string;
  readonly idNumber: string;
  readonly unitCode: string;
  readonly principalFen: number;
  readonly remainingFen: number;
  readonly monthlyRepaymentFen: number;
  readonly termMonths: number;
  readonly disbursedOn: string;
  readonly updatedAt: string;
}

/** A yuan amount with exactly two decimals (`"12345.60"`), read as integer fen. */
export const yuan = z.string().transform((s, ctx) => {
  const fen = /^-?\d{1,13}\.\d{2}$/.test(s) ? yuanToFen(s) : undefined;
  if (fen === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not yuan with two decimals` });
    return z.NEVER;
  }
  return fen;
});

/** A whole number sent as a string (`"360"`). */
export const wholeNumber = z
  .string()
  .regex(/^-?\d{1,15}$/, 'not a whole number')
  .transform(Number);

const guard = (read: (s: string) => string) =>
  z.string().transform((s, ctx) => {
    try {
      return read(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

/** A `yyyyMMdd` date, read as ISO. */
export const wireDate = guard(isoDate);
/** A `yyyyMMddHHmmss` Beijing instant, read as an ISO timestamp. */
export const wireInstant = guard(isoInstant);

const id = z.string().min(1);

/** 个人账户查询 `grzhcx`: `data.list`. */
export const accountsAnswer = z.object({
  list: z.array(
    z
      .object({
        grzh: id,
        xm: z.string(),
        zjhm: id,
        dwzh: z.string(),
        zhye: yuan,
        yjce: yuan,
        zhzt: z.enum(['01', '02']),
        khrq: wireDate,
        gxsj: wireInstant,
      })
      .transform(
        (a): FundAccount => ({
          personalAccount: a.grzh,
          idNumber: a.zjhm,
          name: a.xm,
          employerAccount: a.dwzh,
          balanceFen: a.zhye,
          monthlyDepositFen: a.yjce,
          status: a.zhzt === '02' ? 'SEALED' : 'NORMAL',
          openedOn: a.khrq,
          updatedAt: a.gxsj,
        }),
      ),
  ),
});

/** 单位账户查询 `dwzhcx`: `data.list`. */
export const employersAnswer = z.object({
  list: z.array(
    z
      .object({
        dwzh: id,
        dwmc: z.string(),
        tyshxydm: id,
        dwdz: z.string().optional(),
        jcbl: wholeNumber,
        khrq: wireDate,
        gxsj: wireInstant,
      })
      .transform(
        (e): EmployerAccount => ({
          employerAccount: e.dwzh,
          name: e.dwmc,
          uscc: e.tyshxydm,
          ...(e.dwdz ? { address: e.dwdz } : {}),
          depositRatePercent: e.jcbl,
          openedOn: e.khrq,
          updatedAt: e.gxsj,
        }),
      ),
  ),
});

/** 贷款查询 `dkcx`: `data.list`. */
export const loansAnswer = z.object({
  list: z.array(
    z
      .object({
        dkzh: id,
        zjhm: id,
        bdcdyh: id,
        dkje: yuan,
        dkye: yuan,
        yhke: yuan,
        dkqx: wholeNumber,
        fkrq: wireDate,
        gxsj: wireInstant,
      })
      .transform(
        (l): FundLoan => ({
          loanAccount: l.dkzh,
          idNumber: l.zjhm,
          unitCode: l.bdcdyh,
          principalFen: l.dkje,
          remainingFen: l.dkye,
          monthlyRepaymentFen: l.yhke,
          termMonths: l.dkqx,
          disbursedOn: l.fkrq,
          updatedAt: l.gxsj,
        }),
      ),
  ),
});
