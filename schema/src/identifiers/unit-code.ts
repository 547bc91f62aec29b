import { type IdentifierProblem, isDivisionCode, problem, type Validation } from './problem';

/** The parts of a real-estate unit code (不动产单元代码, GB/T 37346-2019). */
export interface UnitCodeDetails {
  /** County-level division (GB/T 2260), positions 1–6. */
  readonly divisionCode: string;
  /** Cadastral district (地籍区), positions 7–9. */
  readonly cadastralDistrict: string;
  /** Cadastral sub-district (地籍子区), positions 10–12. */
  readonly cadastralSubDistrict: string;
  /** Parcel feature code (宗地特征码), positions 13–14: ownership letter then use-right letter. */
  readonly parcelType: string;
  /** Parcel number (宗地顺序号), positions 15–19. */
  readonly parcelNumber: string;
  /** Fixture type (定着物特征码), position 20: F building, L forest, Q other, W none. */
  readonly fixtureType: 'F' | 'L' | 'Q' | 'W';
  /** Building number (幢号), positions 21–24. */
  readonly building: string;
  /** Unit number (户号), positions 25–28. */
  readonly unit: string;
}

/** Land ownership (土地所有权): G state, J collective, Z undetermined or disputed. */
const OWNERSHIP_LETTERS = 'GJZ';
/** Use rights of a parcel (宗地特征码 second letter), per GB/T 37346-2019 table 2. */
const USE_RIGHT_LETTERS = 'ABSXCDEFLNHGWY';
const FIXTURE_LETTERS = 'FLQW';

/**
 * Validates a real-estate unit code (GB/T 37346-2019): 28 characters, a parcel code of 19 (division,
 * cadastral district and sub-district, parcel feature code, parcel number) and a fixture code of 9
 * (fixture type, building, unit). Every broken part is reported, not just the first.
 */
export function validateUnitCode(input: string): Validation<UnitCodeDetails> {
  const value = input.trim().toUpperCase();
  const problems: IdentifierProblem[] = [];
  if (value.length !== 28) {
    problems.push(
      problem(
        'GBT37346.length',
        `不动产单元代码应为28位，收到${value.length}位`,
        `A real-estate unit code has 28 characters; got ${value.length}`,
      ),
    );
    return { ok: false, problems };
  }
  const part = (from: number, to: number) => value.slice(from - 1, to);
  const divisionCode = part(1, 6);
  if (!isDivisionCode(divisionCode)) {
    problems.push(
      problem(
        'GBT37346.divisionCode',
        `第1至6位“${divisionCode}”不是有效的县级行政区划代码`,
        `Positions 1 to 6 "${divisionCode}" are not a county-level division code`,
      ),
    );
  }
  if (!/^\d{6}$/.test(part(7, 12))) {
    problems.push(
      problem(
        'GBT37346.cadastralZone',
        `第7至12位“${part(7, 12)}”应为地籍区和地籍子区的6位数字`,
        `Positions 7 to 12 "${part(7, 12)}" must be six digits: cadastral district and sub-district`,
      ),
    );
  }
  const parcelType = part(13, 14);
  if (!OWNERSHIP_LETTERS.includes(parcelType[0]!) || !USE_RIGHT_LETTERS.includes(parcelType[1]!)) {
    problems.push(
      problem(
        'GBT37346.parcelType',
        `第13至14位宗地特征码“${parcelType}”无效：第一位为 G、J 或 Z，第二位为 ${USE_RIGHT_LETTERS} 之一`,
        `Positions 13 to 14, the parcel feature code "${parcelType}", are invalid: first G, J or Z, then one of ${USE_RIGHT_LETTERS}`,
      ),
    );
  }
  const parcelNumber = part(15, 19);
  if (!/^\d{5}$/.test(parcelNumber) || parcelNumber === '00000') {
    problems.push(
      problem(
        'GBT37346.parcelNumber',
        `第15至19位宗地顺序号“${parcelNumber}”应为00001至99999`,
        `Positions 15 to 19, the parcel number "${parcelNumber}", must be 00001 to 99999`,
      ),
    );
  }
  const fixtureType = part(20, 20);
  const fixtureNumbers = part(21, 28);
  if (!FIXTURE_LETTERS.includes(fixtureType)) {
    problems.push(
      problem(
        'GBT37346.fixtureType',
        `第20位定着物特征码“${fixtureType}”应为 F、L、Q 或 W`,
        `Position 20, the fixture type "${fixtureType}", must be F, L, Q or W`,
      ),
    );
  } else if (!/^\d{8}$/.test(fixtureNumbers)) {
    problems.push(
      problem(
        'GBT37346.fixtureNumber',
        `第21至28位“${fixtureNumbers}”应为幢号和户号的8位数字`,
        `Positions 21 to 28 "${fixtureNumbers}" must be eight digits: building and unit`,
      ),
    );
  } else if (fixtureType === 'W' && fixtureNumbers !== '00000000') {
    problems.push(
      problem(
        'GBT37346.fixtureNumber',
        '无定着物（W）时第21至28位应为00000000',
        'Without fixtures (W) positions 21 to 28 must be 00000000',
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value,
    details: {
      divisionCode,
      cadastralDistrict: part(7, 9),
      cadastralSubDistrict: part(10, 12),
      parcelType,
      parcelNumber,
      fixtureType: fixtureType as UnitCodeDetails['fixtureType'],
      building: part(21, 24),
      unit: part(25, 28),
    },
  };
}
