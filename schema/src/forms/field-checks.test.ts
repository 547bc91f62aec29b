import { describe, expect, it } from 'vitest';
import { checkField, type FieldRules } from './field-checks';

const field = (over: Partial<FieldRules>): FieldRules => ({
  key: 'k',
  label: { zh: '字段', en: 'Field' },
  type: 'TEXT',
  required: true,
  requiredFor: ['A'],
  usedBy: ['A', 'B'],
  hint: null,
  minLength: null,
  maxLength: null,
  patterns: [],
  min: null,
  max: null,
  options: [],
  ...over,
});
const codes = (f: FieldRules, v: string) => checkField(f, v).map((p) => p.code);

describe('the field rules shared by the hall and the browser', () => {
  it('asks for a required value and leaves an empty optional one alone', () => {
    expect(checkField(field({}), '  ')).toEqual([
      {
        field: 'k',
        code: 'field.required',
        message: { zh: '字段为必填项', en: 'Field is required' },
        items: ['A'],
      },
    ]);
    expect(checkField(field({ required: false }), '')).toEqual([]);
  });

  it('checks identifiers by their national standard', () => {
    expect(codes(field({ type: 'ID_NUMBER' }), '11010519491231002X')).toEqual([]);
    expect(codes(field({ type: 'ID_NUMBER' }), '110105194912310021')).toEqual(['GB11643.checkCharacter']);
  });

  it('checks money, bounds in yuan, patterns by their hint, lengths and options, all at once', () => {
    expect(codes(field({ type: 'MONEY' }), '12.345')).toEqual(['field.money']);
    expect(codes(field({ type: 'MONEY', min: '1.00', max: '100.00' }), '100.01')).toEqual(['field.aboveMax']);
    const phone = field({
      type: 'PHONE',
      patterns: ['^1[3-9]\\d{9}$'],
      hint: { zh: '11位手机号', en: '11-digit mobile' },
    });
    expect(checkField(phone, '12345')[0]!.message).toEqual({
      zh: '字段：应为11位手机号',
      en: 'Field: should be 11-digit mobile',
    });
    expect(codes(field({ minLength: 3, maxLength: 4 }), 'ab')).toEqual(['field.tooShort']);
    expect(
      codes(field({ type: 'ENUM', options: [{ value: 'single', label: { zh: '未婚' } }] }), 'x'),
    ).toEqual(['field.option']);
    expect(codes(field({ type: 'DATE' }), '2026-02-30')).toEqual(['field.date']);
  });

  it('refuses markup, script, query and invisible characters in text, naming each once', () => {
    const text = field({ maxLength: 200 });
    for (const hostile of [
      '<script>alert(1)</script>',
      "x' OR '1'='1",
      "1号'; DROP TABLE applications; --",
      '{{7*7}}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, written as one
      '${7*7}',
      '`id`',
      '$(id)',
      '../../etc/passwd',
      ']]></name><admin>true</admin>',
      '{"$gt": ""}',
      '*)(uid=*))(|(uid=*',
      '%00%27',
      'abc\u202Edcba',
      'a\u200Bb',
      'line\nbreak',
    ]) {
      expect(codes(text, hostile), hostile).toContain('field.characters');
    }
    const [p] = checkField(text, '<a><b>;');
    expect(p!.message.en).toMatch(/"<" ">" ";"/);
    expect(checkField(text, 'a\u202Eb')[0]!.message.en).toMatch(/U\+202E/);
  });

  it('takes the names, addresses and numbers of the seeded records as they are', () => {
    const text = field({ maxLength: 200 });
    for (const fine of [
      '廖然英',
      '阿依古丽·买买提',
      "Mary O'Neil-Smith",
      '浙江省嘉兴市南湖区中山路223号35幢1805室',
      '浙(2023)南湖区不动产权第8090823号',
      '软件开发；信息技术咨询服务',
      '3#楼 2单元, A&B座: 东门',
    ]) {
      expect(codes(text, fine), fine).toEqual([]);
    }
  });
});
