import { problem } from '@onething/schema/forms';
import { describe, expect, it } from 'vitest';
import { ONE_TIME_NOTICE_BASIS } from './legal-basis';
import { noticeData, whatToBring } from './notice-data';

const form = {
  fields: [
    { key: 'applicant.phone', label: { zh: '联系电话', en: 'Phone' } },
    { key: 'unit.code', label: { zh: '不动产单元号', en: 'Unit code' } },
  ],
  materials: [
    {
      id: 'sale-contract',
      name: { zh: '房屋买卖合同', en: 'Sale contract' },
      original: true,
      copies: 2,
      formats: ['pdf'],
    },
    { id: 'bank-card', name: { zh: '银行卡', en: 'Bank card' }, original: false, copies: 1, formats: [] },
  ],
} as never;

const problems = [
  problem('applicant.phone', 'field.required', '请填写联系电话', 'fill in the phone', []),
  problem('unit.code', 'field.pattern', '不动产单元号格式不正确', 'not a unit code', []),
  problem('options', 'option.unknown', '没有选项 x', 'no option x', []),
  problem(
    'materials.sale-contract',
    'material.missing',
    '请提交房屋买卖合同',
    'Sale contract: not handed in yet',
    [],
  ),
  problem('materials.bank-card', 'material.missing', '请提交银行卡', 'Bank card: not handed in yet', []),
  problem('materials.photo', 'material.unknown', '本事项不需要该材料', 'this bundle does not ask for it', []),
];

describe('noticeData', () => {
  const n = noticeData({
    bundleName: { zh: '二手房转移登记', en: 'House transfer' },
    form,
    problems,
    applicant: { name: '王晓明', idNumber: '11010519491231002X' },
    date: '2026-12-04',
    centre: { zh: '中心', en: 'Centre' },
  });

  it('lists every problem of the check: the fields under their labels, the missing materials with what to bring', () => {
    expect(n.problems.map((p) => [p.field, p.label.zh, p.message.zh])).toEqual([
      ['applicant.phone', '联系电话', '请填写联系电话'],
      ['unit.code', '不动产单元号', '不动产单元号格式不正确'],
      ['options', '办理选项', '没有选项 x'],
      ['materials.photo', '材料 photo', '本事项不需要该材料'],
    ]);
    expect(n.materials.map((m) => [m.id, m.name.zh, m.message.zh])).toEqual([
      ['sale-contract', '房屋买卖合同', '请提交房屋买卖合同'],
      ['bank-card', '银行卡', '请提交银行卡'],
    ]);
    expect(n.problems.length + n.materials.length).toBe(problems.length);
  });

  it('says what to bring of each material', () => {
    expect(n.materials[0]!.bring).toEqual({
      zh: '携带原件核验；复印件 2 份；或上传扫描件（pdf）',
      en: 'bring the original to be inspected; 2 copies; or upload a scan (pdf)',
    });
    expect(whatToBring({ original: false, copies: 1, formats: [] })).toEqual({
      zh: '复印件 1 份',
      en: '1 copy',
    });
  });

  it('masks the ID number and cites the law', () => {
    expect(n.applicant.maskedIdNumber).toBe('110105********002X');
    expect(n.legalBasis).toBe(ONE_TIME_NOTICE_BASIS);
    expect(n.legalBasis.zh).toContain('《中华人民共和国行政许可法》第三十二条');
  });

  it('labels problems by their field key when there is no form (an unknown option)', () => {
    const bare = noticeData({
      bundleName: { zh: 'x', en: 'x' },
      problems: [problem('options', 'option.unknown', '没有选项 x', 'no option x', [])],
      applicant: { name: '', idNumber: '11010519491231002X' },
      date: '2026-12-04',
      centre: { zh: '中心', en: 'Centre' },
    });
    expect(bare.problems).toHaveLength(1);
    expect(bare.problems[0]!.label.zh).toBe('办理选项');
  });
});
