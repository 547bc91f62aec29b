import { GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { codedError } from '../errors';
import { type Validation, validateResidentId, validateUnitCode, validateUscc } from '../identifiers';
import { fenToYuan, yuanToFen } from '../money';

/**
 * The shared scalars of the one schema. Identifiers are validated where they enter (a bad one never
 * reaches a department), with every broken rule named in zh-CN and en under `extensions.problems`;
 * money is exact (fen inside, a yuan decimal string outside).
 */

function invalid(
  scalar: string,
  value: unknown,
  problems: { rule: string; message: { zh: string; en: string } }[],
) {
  return codedError(
    'INVALID_INPUT',
    `${scalar} ${JSON.stringify(value)}: ${problems.map((p) => p.message.en).join('; ')}`,
    { problems },
  );
}

function identifierScalar(
  name: string,
  description: string,
  validate: (value: string) => Validation<unknown>,
): GraphQLScalarType<string, string> {
  // `written` is a literal as the query wrote it (`123`), so the message never quotes `undefined`.
  const parse = (value: unknown, written?: string): string => {
    if (typeof value !== 'string') {
      const problems = [
        {
          rule: `${name}.type`,
          message: { zh: `${name} 应为字符串`, en: `${name} values are written as strings, in quotes` },
        },
      ];
      throw written === undefined
        ? invalid(name, value, problems)
        : codedError('INVALID_INPUT', `${name} ${written}: ${problems[0]!.message.en}`, { problems });
    }
    const v = validate(value);
    if (!v.ok) throw invalid(name, value, [...v.problems]);
    return v.value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) =>
      ast.kind === Kind.STRING ? parse(ast.value) : parse(undefined, print(ast)),
  });
}

export const IdNumberScalar = identifierScalar(
  'IdNumber',
  'A resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character (X for ten).',
  validateResidentId,
);

export const UsccScalar = identifierScalar(
  'USCC',
  'A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters without I, O, S, V, Z.',
  validateUscc,
);

export const UnitCodeScalar = identifierScalar(
  'UnitCode',
  'A real-estate unit code (不动产单元代码, GB/T 37346-2019): 28 characters, parcel then fixture.',
  validateUnitCode,
);

const parseMoney = (value: unknown): number => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const fen = typeof text === 'string' ? yuanToFen(text) : undefined;
  if (fen === undefined) {
    throw invalid('Money', value, [
      {
        rule: 'Money.format',
        message: {
          zh: '金额应为元，最多两位小数，例如 "1234.56"',
          en: 'an amount in yuan with at most two decimals, e.g. "1234.56"',
        },
      },
    ]);
  }
  return fen;
};

/** Money: integer fen inside every service; a yuan decimal string with two places on the wire. */
export const MoneyScalar = new GraphQLScalarType<number, string>({
  name: 'Money',
  description:
    'An amount in yuan as a decimal string with exactly two places, e.g. "1234.56". Exact: never a float.',
  serialize: (value) => fenToYuan(value as number),
  parseValue: parseMoney,
  parseLiteral: (ast) =>
    parseMoney(
      ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined,
    ),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const parseDate = (value: unknown): string => {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    throw invalid('Date', value, [
      {
        rule: 'Date.format',
        message: { zh: '日期应为真实日期 yyyy-MM-dd', en: 'a real date written yyyy-MM-dd' },
      },
    ]);
  }
  return value as string;
};

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 `yyyy-MM-dd`.',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const parseDateTime = (value: unknown): string => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw invalid('DateTime', value, [
      {
        rule: 'DateTime.format',
        message: { zh: '时间应为 ISO 8601 格式', en: 'an ISO 8601 instant, e.g. 2026-11-22T09:30:00+08:00' },
      },
    ]);
  }
  return value;
};

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with its offset, e.g. "2026-11-22T01:30:00.000Z".',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Resolvers of every shared scalar, to merge into a subgraph's resolvers. */
export const scalarResolvers = {
  IdNumber: IdNumberScalar,
  USCC: UsccScalar,
  UnitCode: UnitCodeScalar,
  Money: MoneyScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
