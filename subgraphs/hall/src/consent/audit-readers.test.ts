import { describe, expect, it } from 'vitest';
import { afterArg, countArg, cursorOf } from './audit-paging';
import { purposeText } from './audit-purposes';
import { applicantOrdinals, readerView, seqOfReaderId } from './audit-readers';

const me = { subject: '11010519491231002X', staff: false };
const reader = (actorSubject: string, actorRole: string, firstSeq: number) => ({
  actorSubject,
  actorRole,
  firstSeq,
  count: 1,
  lastAt: new Date(0),
});

describe('readers of a trail, as an applicant and as staff see them', () => {
  it('numbers other applicants by their first read and never names them to an applicant', () => {
    const readers = [
      reader('440524188001010014', 'applicant', 9),
      reader(me.subject, 'applicant', 1),
      reader('330502199001011236', 'applicant', 4),
    ];
    const ordinals = applicantOrdinals(readers, me);
    expect([...ordinals]).toEqual([
      ['330502199001011236', 1],
      ['440524188001010014', 2],
    ]);
    const view = readerView(readers[0]!, me, ordinals.get('440524188001010014'));
    expect(view).toEqual({
      id: 'r:9',
      kind: 'APPLICANT',
      name: { zh: '其他申请人 2', en: 'another applicant (2)' },
    });
    expect(readerView(readers[1]!, me).kind).toBe('YOU');
    expect(readerView(readers[0]!, { subject: 'w-001', staff: true }).name.zh).toBe(
      '申请人 440524188001010014',
    );
    expect(readerView(reader('w-001', 'window-staff', 3), me).kind).toBe('WINDOW_STAFF');
  });

  it('takes back only the ids and cursors it gives', () => {
    expect(seqOfReaderId('r:9')).toBe(9);
    for (const bad of ['r:0', 'r:-1', 'r:1e3', '9', 'r:9 ']) expect(seqOfReaderId(bad)).toBeUndefined();
    expect(afterArg(cursorOf(42))).toBe(42);
    expect(afterArg(null)).toBeUndefined();
    for (const bad of ['c1:', 'c1:0', 'c2:5', 'c1:5;drop'])
      expect(() => afterArg(bad)).toThrow(/not a cursor/);
    expect(countArg('first', 100, 100)).toBe(100);
    for (const bad of [0, -1, 101, 1.5]) expect(() => countArg('first', bad, 100)).toThrow(/from 1 to 100/);
  });

  it('says a purpose in one language per text, with the bundle’s name', () => {
    const bundle = { zh: '二手房转移登记', en: 'Second-hand house transfer' };
    expect(purposeText({ kind: 'prefill', about: null }, bundle)).toEqual({
      zh: '预填「二手房转移登记」申请表',
      en: 'prefilling the form of “Second-hand house transfer”',
    });
    expect(purposeText({ kind: 'owners-check', about: 'U1' }, undefined)).toEqual({
      zh: '核验不动产单元 U1 的权利人',
      en: 'checking the owners of real-estate unit U1',
    });
    expect(purposeText({ kind: 'other', about: null, text: '人工核对 / checked by hand' }, bundle)).toEqual({
      zh: '人工核对',
      en: 'checked by hand',
    });
  });
});
