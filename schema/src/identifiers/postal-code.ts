import { type IdentifierProblem, problem, type Validation } from './problem';

/**
 * The first two digits of postal codes (邮政编码) by province-level division, as the national six-digit,
 * four-level scheme (四级六码: province, postal zone, county office, delivery office) allocates them.
 */
export const POSTAL_PROVINCES: Readonly<Record<string, string>> = {
  '01': '内蒙古自治区',
  '02': '内蒙古自治区',
  '03': '山西省',
  '04': '山西省',
  '05': '河北省',
  '06': '河北省',
  '07': '河北省',
  '10': '北京市',
  '11': '辽宁省',
  '12': '辽宁省',
  '13': '吉林省',
  '15': '黑龙江省',
  '16': '黑龙江省',
  '20': '上海市',
  '21': '江苏省',
  '22': '江苏省',
  '23': '安徽省',
  '24': '安徽省',
  '25': '山东省',
  '26': '山东省',
  '27': '山东省',
  '30': '天津市',
  '31': '浙江省',
  '32': '浙江省',
  '33': '江西省',
  '34': '江西省',
  '35': '福建省',
  '36': '福建省',
  '40': '重庆市',
  '41': '湖南省',
  '42': '湖南省',
  '43': '湖北省',
  '44': '湖北省',
  '45': '河南省',
  '46': '河南省',
  '47': '河南省',
  '51': '广东省',
  '52': '广东省',
  '53': '广西壮族自治区',
  '54': '广西壮族自治区',
  '55': '贵州省',
  '56': '贵州省',
  '57': '海南省',
  '61': '四川省',
  '62': '四川省',
  '63': '四川省',
  '64': '四川省',
  '65': '云南省',
  '66': '云南省',
  '67': '云南省',
  '71': '陕西省',
  '72': '陕西省',
  '73': '甘肃省',
  '74': '甘肃省',
  '75': '宁夏回族自治区',
  '81': '青海省',
  '83': '新疆维吾尔自治区',
  '84': '新疆维吾尔自治区',
  '85': '西藏自治区',
  '86': '西藏自治区',
};

/** What a valid postal code tells: the province-level division it is allocated to. */
export interface PostalCodeDetails {
  readonly province: string;
}

/**
 * Validates a mainland postal code (邮政编码): 6 digits whose first two are a province's allocation
 * ({@link POSTAL_PROVINCES}); given the address's province, the code must be that province's.
 */
export function validatePostalCode(input: string, province?: string): Validation<PostalCodeDetails> {
  const value = input.trim();
  const problems: IdentifierProblem[] = [];
  if (!/^\d{6}$/.test(value)) {
    problems.push(
      problem(
        'PostalCode.format',
        `邮政编码应为6位数字，收到“${input.slice(0, 32)}”`,
        `A postal code has 6 digits; got "${input.slice(0, 32)}"`,
      ),
    );
    return { ok: false, problems };
  }
  const allocated = POSTAL_PROVINCES[value.slice(0, 2)];
  if (!allocated) {
    problems.push(
      problem(
        'PostalCode.province',
        `邮政编码前两位“${value.slice(0, 2)}”不对应任何省级行政区`,
        `The first two digits "${value.slice(0, 2)}" of the postal code are no province's`,
      ),
    );
    return { ok: false, problems };
  }
  if (province !== undefined && province.trim() !== '' && province.trim() !== allocated)
    problems.push(
      problem(
        'PostalCode.provinceMismatch',
        `邮政编码${value}属于${allocated}，与收件地址的省份“${province}”不符`,
        `The postal code ${value} is ${allocated}'s, not that of the address's province "${province}"`,
      ),
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value, details: { province: allocated } };
}
