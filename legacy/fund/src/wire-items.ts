import type { PublishedField, PublishedItem, PublishedMaterial } from '@onething/legacy-kit';
import { fenToYuan } from '@onething/schema';
import {
  ENUM_CODES,
  FIELD_TYPE_CODES,
  ITEM_TYPE_CODES,
  NO,
  RESULT_KIND_CODES,
  WIRE_CODES,
  YES,
} from './dictionary';

const yesNo = (b: boolean) => (b ? YES : NO);

/** A field of an item in the catalogue (字段). Optional elements are left out when the field has none. */
export interface WireField {
  /** 字段编码: the wire code, sent as `bd_<zdbm>` */ readonly zdbm: string;
  /** 语义编码: the shared semantic key */ readonly yybm: string;
  /** 字段名称 */ readonly zdmc: string;
  readonly zdmc_en: string;
  /** 字段类型 (fund codes) */ readonly zdlx: string;
  /** 是否必填 1/0 */ readonly bt: string;
  /** 是否可修改 1/0 */ readonly kxg: string;
  /** 提示 */ readonly ts?: string;
  readonly ts_en?: string;
  /** 最小长度, 最大长度 */ readonly zxcd?: string;
  readonly zdcd?: string;
  /** 格式 (regular expression) */ readonly gs?: string;
  /** 最小值, 最大值 (money in yuan) */ readonly zxz?: string;
  readonly zdz?: string;
  /** 选项: 代码, 名称, 语义值 */
  readonly xx?: readonly { dm: string; mc: string; mc_en: string; yyz: string }[];
}

/** A material of an item (材料). */
export interface WireMaterial {
  /** 材料编码 (the shared material id) */ readonly clbm: string;
  /** 材料名称 */ readonly clmc: string;
  readonly clmc_en: string;
  /** 是否必需 1/0 */ readonly bx: string;
  /** 是否原件 1/0 */ readonly yj: string;
  /** 份数 */ readonly fs: string;
  /** 共享部门 (departments that already hold it) */ readonly gxbm: readonly string[];
  /** 文件格式 */ readonly wjgs: readonly string[];
}

/** An item of the catalogue (事项查询 `sxcx`): the elements of its implementation list. */
export interface WireItem {
  /** 事项编码 */ readonly sxbm: string;
  /** 事项名称 */ readonly sxmc: string;
  readonly sxmc_en: string;
  /** 事项类型 (fund codes) */ readonly sxlx: string;
  /** 设定依据 */ readonly sdyj: readonly string[];
  /** 法定时限, working days */ readonly fdsx: string;
  /** 承诺时限, working days (0 即办) */ readonly cnsx: string;
  /** 受理条件 */ readonly sltj: readonly { nr: string; nr_en: string }[];
  /** 收费标准, yuan */ readonly sfbz: string;
  /** 跑动次数 */ readonly pdcs: string;
  /** 字段列表 */ readonly zdlb: readonly WireField[];
  /** 材料列表 */ readonly cllb: readonly WireMaterial[];
  /** 办理结果: 名称, 类型, 结果材料, 结果字段 (wire codes) */
  readonly bljg: {
    readonly jgmc: string;
    readonly jgmc_en: string;
    readonly jglx: string;
    readonly jgcl: readonly string[];
    readonly jgzd: readonly string[];
  };
}

function fieldToWire(f: PublishedField): WireField {
  const limit = (n: number | undefined) =>
    n === undefined ? undefined : f.type === 'money' ? fenToYuan(n) : String(n);
  const codes = ENUM_CODES[f.key];
  const zxz = limit(f.min);
  const zdz = limit(f.max);
  return {
    zdbm: WIRE_CODES[f.key]!,
    yybm: f.key,
    zdmc: f.label.zh,
    zdmc_en: f.label.en,
    zdlx: FIELD_TYPE_CODES[f.type],
    bt: yesNo(f.required),
    kxg: yesNo(f.editable),
    ...(f.hint ? { ts: f.hint.zh, ts_en: f.hint.en } : {}),
    ...(f.minLength !== undefined ? { zxcd: String(f.minLength) } : {}),
    ...(f.maxLength !== undefined ? { zdcd: String(f.maxLength) } : {}),
    ...(f.pattern ? { gs: f.pattern } : {}),
    ...(zxz !== undefined ? { zxz } : {}),
    ...(zdz !== undefined ? { zdz } : {}),
    ...(f.options
      ? {
          xx: f.options.map((o) => ({
            dm: codes?.[o.value] ?? o.value,
            mc: o.label.zh,
            mc_en: o.label.en,
            yyz: o.value,
          })),
        }
      : {}),
  };
}

function materialToWire(m: PublishedMaterial): WireMaterial {
  return {
    clbm: m.id,
    clmc: m.name.zh,
    clmc_en: m.name.en,
    bx: yesNo(m.required),
    yj: yesNo(m.original),
    fs: String(m.copies),
    gxbm: m.heldBy ?? [],
    wjgs: m.formats ?? [],
  };
}

/** An item as the catalogue service publishes it. */
export function itemToWire(item: PublishedItem): WireItem {
  return {
    sxbm: item.code,
    sxmc: item.name.zh,
    sxmc_en: item.name.en,
    sxlx: ITEM_TYPE_CODES[item.type],
    sdyj: item.legalBasis,
    fdsx: String(item.legalLimitDays),
    cnsx: String(item.promisedLimitDays),
    sltj: item.acceptanceConditions.map((c) => ({ nr: c.zh, nr_en: c.en })),
    sfbz: fenToYuan(item.feeFen),
    pdcs: String(item.visits),
    zdlb: item.fields.map(fieldToWire),
    cllb: item.materials.map(materialToWire),
    bljg: {
      jgmc: item.result.name.zh,
      jgmc_en: item.result.name.en,
      jglx: RESULT_KIND_CODES[item.result.kind] ?? item.result.kind,
      jgcl: item.result.materials,
      jgzd: item.result.values.map((k) => WIRE_CODES[k] ?? k),
    },
  };
}
