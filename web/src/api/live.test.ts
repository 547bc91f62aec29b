import { describe, expect, it } from 'vitest';
import { eventParser } from './live';

describe('reading the hall’s event stream', () => {
  it('takes events as they complete across chunks, skipping comments and the retry field', () => {
    const parse = eventParser();
    expect(parse('retry: 1000\n\n')).toEqual([]);
    expect(parse('id: abc\nevent: chan')).toEqual([]);
    expect(
      parse(
        'ged\ndata: {"application":"x"}\n\n: keep-alive\n\nid: def\r\nevent: changed\r\ndata: {}\r\n\r\n',
      ),
    ).toEqual([
      { id: 'abc', event: 'changed' },
      { id: 'def', event: 'changed' },
    ]);
  });
});
