import { fenToYuan } from '@onething/schema';
import type { AccountRecord, EmployerRecord, LoanRecord } from './state';
import { wireDate, wireInstant } from './time';

/** A personal account on the wire (个人账户查询 `grzhcx`). Every value is a string. */
export interface WireAccount {
  /** 个人账号 */ readonly grzh: string;
  /** 姓名 */ readonly xm: string;
  /** 证件号码 */ readonly zjhm: string;
  /** 单位账号 */ readonly dwzh: string;
  /** 账户余额, yuan with two decimals */ readonly zhye: string;
  /** 月缴存额, yuan with two decimals */ readonly yjce: string;
  /** 账户状态: 01 正常, 02 封存 */ readonly zhzt: '01' | '02';
  /** 开户日期 yyyyMMdd */ readonly khrq: string;
  /** 更新时间 yyyyMMddHHmmss, Beijing */ readonly gxsj: string;
}

/** An employer account on the wire (单位账户查询 `dwzhcx`). */
export interface WireEmployer {
  /** 单位账号 */ readonly dwzh: string;
  /** 单位名称 */ readonly dwmc: string;
  /** 统一社会信用代码 */ readonly tyshxydm: string;
  /** 单位地址 (empty when not on file) */ readonly dwdz: string;
  /** 缴存比例, whole percent, e.g. `12` */ readonly jcbl: string;
  /** 开户日期 yyyyMMdd */ readonly khrq: string;
  /** 更新时间 */ readonly gxsj: string;
}

/** A loan on the wire (贷款查询 `dkcx`). */
export interface WireLoan {
  /** 贷款账号 */ readonly dkzh: string;
  /** 借款人证件号码 */ readonly zjhm: string;
  /** 不动产单元号 */ readonly bdcdyh: string;
  /** 贷款金额 (yuan) */ readonly dkje: string;
  /** 贷款余额 (yuan) */ readonly dkye: string;
  /** 月还款额 (yuan) */ readonly yhke: string;
  /** 贷款期限, months */ readonly dkqx: string;
  /** 放款日期 yyyyMMdd */ readonly fkrq: string;
  /** 更新时间 */ readonly gxsj: string;
}

/** A personal account in the fund's wire terms. */
export function accountToWire(a: AccountRecord): WireAccount {
  return {
    grzh: a.personalAccount,
    xm: a.name,
    zjhm: a.idNumber,
    dwzh: a.employerAccount,
    zhye: fenToYuan(a.balanceFen),
    yjce: fenToYuan(a.monthlyDepositFen),
    zhzt: a.status === 'sealed' ? '02' : '01',
    khrq: wireDate(a.openedOn),
    gxsj: wireInstant(a.updatedAt),
  };
}

/** An employer account in the fund's wire terms. */
export function employerToWire(e: EmployerRecord): WireEmployer {
  return {
    dwzh: e.employerAccount,
    dwmc: e.name,
    tyshxydm: e.uscc,
    dwdz: e.address ?? '',
    jcbl: String(e.depositRatePercent),
    khrq: wireDate(e.openedOn),
    gxsj: wireInstant(e.updatedAt),
  };
}

/** A loan in the fund's wire terms. */
export function loanToWire(l: LoanRecord): WireLoan {
  return {
    dkzh: l.loanNumber,
    zjhm: l.idNumber,
    bdcdyh: l.unitCode,
    dkje: fenToYuan(l.principalFen),
    dkye: fenToYuan(l.remainingFen),
    yhke: fenToYuan(l.monthlyRepaymentFen),
    dkqx: String(l.termMonths),
    fkrq: wireDate(l.startedOn),
    gxsj: wireInstant(l.updatedAt),
  };
}
