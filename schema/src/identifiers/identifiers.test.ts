import { describe, expect, it } from 'vitest';
import { completeOrganisationCode, validateResidentId, validateUnitCode, validateUscc } from './index';

const rules = (r: { ok: boolean; problems?: readonly { rule: string }[] }) =>
  r.ok ? [] : r.problems!.map((p) => p.rule);

describe('resident identity number (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
  ])('accepts the standard’s example %s', (id, birthDate, sex) => {
    const r = validateResidentId(id);
    expect(r).toMatchObject({ ok: true, value: id, details: { birthDate, sex } });
  });

  it('reads a lower-case x as X and ignores surrounding spaces', () => {
    expect(validateResidentId(' 11010519491231002x ')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('names the expected check character when it is wrong', () => {
    const r = validateResidentId('110105194912310021');
    expect(rules(r)).toEqual(['GB11643.checkCharacter']);
    expect(JSON.stringify(r)).toContain('should be \\"X\\"');
  });

  it.each([
    ['19900230', '330502199002301235'], // 30 February
    ['19891301', '330502198913011234'], // month 13
    ['18790101', '330502187901011234'], // before any living holder
  ])('refuses the impossible birth date %s', (_date, id) => {
    expect(rules(validateResidentId(id))).toContain('GB11643.birthDate');
  });

  it('refuses a birth date in the future', () => {
    const r = validateResidentId('110105203001010011', new Date('2026-11-22'));
    expect(rules(r)).toContain('GB11643.birthDate');
  });

  it('refuses an unknown province prefix', () => {
    expect(rules(validateResidentId('990105194912310021'))).toContain('GB11643.divisionCode');
  });

  it.each([
    '',
    '1101051949123100',
    '11010519491231002Y',
    '1101051949123100X2',
    '１１０１０５１９４９１２３１００２X',
  ])('refuses the malformed %j with a format problem only', (id) => {
    expect(rules(validateResidentId(id))).toEqual(['GB11643.format']);
  });

  it('reports every problem at once, in both languages', () => {
    const r = validateResidentId('990105199002301231');
    expect(rules(r)).toEqual(['GB11643.divisionCode', 'GB11643.birthDate', 'GB11643.checkCharacter']);
    if (!r.ok) for (const p of r.problems) expect(p.message.zh && p.message.en).toBeTruthy();
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000802100433B', '91330100716105852F'])(
    'accepts the real code %s',
    (c) => {
      expect(validateUscc(c)).toMatchObject({ ok: true, value: c });
    },
  );

  it('splits a valid code into its parts', () => {
    expect(validateUscc('91330100716105852F')).toMatchObject({
      details: { authority: '9', entityType: '1', divisionCode: '330100', organisationCode: '716105852' },
    });
  });

  it('refuses a wrong check character and names the right one', () => {
    const r = validateUscc('91330100716105852G');
    expect(rules(r)).toEqual(['GB32100.checkCharacter']);
    expect(JSON.stringify(r)).toContain('should be \\"F\\"');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the excluded letter %s', (letter) => {
    const r = validateUscc(`91350100M000100${letter}43`);
    expect(rules(r)).toEqual(['GB32100.charset']);
    expect(JSON.stringify(r)).toContain(letter);
  });

  it('refuses a wrong length before anything else', () => {
    expect(rules(validateUscc('91350100M000100Y4'))).toEqual(['GB32100.length']);
  });

  it('completes GB 11714 organisation codes as real USCCs carry them', () => {
    expect(completeOrganisationCode('80210043')).toBe('802100433'); // inside 91110000802100433B
    expect(completeOrganisationCode('71610585')).toBe('716105852'); // inside 91330100716105852F
    expect(completeOrganisationCode('M000100Y')).toBe('M000100Y4'); // inside 91350100M000100Y43
    expect(completeOrganisationCode('00000000')).toBe('000000000');
    expect(() => completeOrganisationCode('1234567')).toThrow(RangeError);
  });

  it('refuses a division code that is not one', () => {
    expect(rules(validateUscc('91000000M000100Y43'))).toContain('GB32100.divisionCode');
  });
});

describe('real-estate unit code (GB/T 37346-2019)', () => {
  const good = '330502001002GB00012F00030012';

  it('accepts a building unit and splits it into parcel and fixture', () => {
    expect(validateUnitCode(good)).toMatchObject({
      ok: true,
      details: {
        divisionCode: '330502',
        parcelType: 'GB',
        parcelNumber: '00012',
        fixtureType: 'F',
        building: '0003',
        unit: '0012',
      },
    });
  });

  it('accepts a parcel without fixtures only with zero building and unit', () => {
    expect(validateUnitCode('330502001002GB00012W00000000').ok).toBe(true);
    expect(rules(validateUnitCode('330502001002GB00012W00030012'))).toEqual(['GBT37346.fixtureNumber']);
  });

  it.each([
    ['330502001002GB00012F0003001', 'GBT37346.length'],
    ['990502001002GB00012F00030012', 'GBT37346.divisionCode'],
    ['3305020010A2GB00012F00030012', 'GBT37346.cadastralZone'],
    ['330502001002QB00012F00030012', 'GBT37346.parcelType'],
    ['330502001002GI00012F00030012', 'GBT37346.parcelType'],
    ['330502001002GB00000F00030012', 'GBT37346.parcelNumber'],
    ['330502001002GB00012X00030012', 'GBT37346.fixtureType'],
    ['330502001002GB00012F0003001A', 'GBT37346.fixtureNumber'],
  ])('refuses %s (%s)', (code, rule) => {
    expect(rules(validateUnitCode(code))).toEqual([rule]);
  });
});
