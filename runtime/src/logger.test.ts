import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

/** An unmasked resident ID number: 17 digits and a check character, standing alone. */
const UNMASKED = /(?<!\d)\d{17}[\dXx](?![\dXx])/;

/** A logger writing its lines into an array, as the service's would write them to stdout. */
function capture() {
  const lines: string[] = [];
  const log = createLogger('logger-test', 'debug', { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('the log never holds an unmasked ID number (security finding 10)', () => {
  const id = '11010519491231002X';

  it('masks one in an error’s message, stack and own properties (a query’s parameters, a request’s variables)', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error(`no person ${id}`), {
      parameters: [id, 5],
      variables: { subject: id, nested: { list: [`owner ${id}`] } },
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    log.error({ err, variables: { who: id }, sql: `select * from audit where subject = '${id}'` }, 'failed');
    log.error(err);
    log.warn({ path: ['whoReadMyData'], detail: { applicant: id } }, `resolving for ${id}`);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line, line).not.toMatch(UNMASKED);
    expect(lines.join('\n')).toContain('110105********00*X');
  });

  it('masks one right after an escaped line break of a stack (\\n110105…), and leaves other numbers be', () => {
    const { log, lines } = capture();
    log.info({ text: `line\n${id}`, time2: 1_733_280_000_000, unit: '330106001001GB00001F00010001' }, 'x');
    expect(lines[0]).not.toMatch(UNMASKED);
    expect(lines[0]).toContain('1733280000000');
    expect(lines[0]).toContain('330106001001GB00001F00010001');
  });
});
