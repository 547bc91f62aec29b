import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarResolvers } from './scalars';

const schema = buildSchema(`
  scalar IdNumber scalar USCC scalar UnitCode scalar Money scalar Date scalar DateTime
  type Query { echo(id: IdNumber, uscc: USCC, unit: UnitCode, money: Money, date: Date, at: DateTime): String price: Money }
`);
for (const [name, scalar] of Object.entries(scalarResolvers)) Object.assign(schema.getType(name)!, scalar);

const run = (source: string, variables?: Record<string, unknown>) =>
  graphql({
    schema,
    source,
    variableValues: variables,
    rootValue: { echo: (args: Record<string, unknown>) => JSON.stringify(args), price: () => 123456789 },
  });

describe('shared scalars', () => {
  it('normalise valid identifiers and read money exactly, in fen', async () => {
    const r = await run(
      '{ echo(id: "11010519491231002x", uscc: "91330100716105852F", unit: "330502001002GB00012F00030012", money: "1234.5", date: "2026-11-22", at: "2026-11-22T01:00:00Z") }',
    );
    expect(JSON.parse(r.data!.echo as string)).toEqual({
      id: '11010519491231002X',
      uscc: '91330100716105852F',
      unit: '330502001002GB00012F00030012',
      money: 123450,
      date: '2026-11-22',
      at: '2026-11-22T01:00:00Z',
    });
  });

  it('write money as yuan with two places', async () => {
    expect((await run('{ price }')).data).toEqual({ price: '1234567.89' });
  });

  it('refuse bad values with INVALID_INPUT and every broken rule', async () => {
    const r = await run('query($id: IdNumber, $m: Money, $d: Date) { echo(id: $id, money: $m, date: $d) }', {
      id: '990105199002301231',
      m: '1.234',
      d: '2026-02-30',
    });
    expect(r.errors).toHaveLength(3);
    const idError = r.errors!.find((e) => e.message.includes('$id'))!;
    expect(idError.extensions).toMatchObject({ code: 'INVALID_INPUT' });
    expect((idError.extensions.problems as { rule: string }[]).map((p) => p.rule)).toEqual([
      'GB11643.divisionCode',
      'GB11643.birthDate',
      'GB11643.checkCharacter',
    ]);
    expect(r.errors!.map((e) => e.extensions.code)).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
  });
});
