import { parseXml } from '@onething/runtime/xml';
import { describe, expect, it } from 'vitest';
import { toPlain } from './plain';
import { applicationsAnswer, queryUnitsAnswer } from './records';

const NS = 'http://bdc.gov.cn/registry/v1';
const read = (xml: string) => toPlain(parseXml(xml.replace('<r>', `<r xmlns="${NS}">`)), NS);
const unit = (extra = '', mortgages = '<Mortgages/>') =>
  `<Unit><UnitCode>330502001002GB00012F00030012</UnitCode><CertificateNumber>浙(2023)吴兴区不动产权第0000001号</CertificateNumber><Address>湖州</Address><AreaM2>89.50</AreaM2><Use>商业</Use><Owners><Owner><IdNumber>11010519491231002X</IdNumber></Owner></Owners><RegisteredDate>20230311</RegisteredDate>${mortgages}<Seized>false</Seized><LastModified>20240808043552</LastModified>${extra}</Unit>`;

describe('answer schemas', () => {
  it('reads a unit into the domain and an empty answer as no units', () => {
    expect(queryUnitsAnswer.parse(read(`<r>${unit()}</r>`))).toEqual([
      {
        unitCode: '330502001002GB00012F00030012',
        certificateNumber: '浙(2023)吴兴区不动产权第0000001号',
        address: '湖州',
        areaM2: 89.5,
        use: 'COMMERCIAL',
        ownerIdNumbers: ['11010519491231002X'],
        registeredOn: '2023-03-11',
        mortgages: [],
        seized: false,
        updatedAt: '2024-08-07T20:35:52.000Z',
      },
    ]);
    expect(queryUnitsAnswer.parse(read('<r></r>'))).toEqual([]);
  });

  it.each([
    ['an element the protocol does not have', unit('<Note>x</Note>')],
    [
      'money without two decimals',
      unit(
        '',
        '<Mortgages><Mortgage><Mortgagee>银行</Mortgagee><AmountYuan>800000</AmountYuan><RegisteredDate>20230311</RegisteredDate><EndDate>20430311</EndDate></Mortgage></Mortgages>',
      ),
    ],
    ['an impossible date', unit().replace('20230311', '20230231')],
    ['a use the registry does not have', unit().replace('商业', '工业')],
  ])('refuses %s', (_what, xml) => {
    expect(queryUnitsAnswer.safeParse(read(`<r>${xml}</r>`)).success).toBe(false);
  });

  it('refuses an older Code/Message reply in place of cases', () => {
    expect(
      applicationsAnswer.safeParse(read('<r><Code>0</Code><Message>操作成功</Message></r>')).success,
    ).toBe(false);
  });
});
