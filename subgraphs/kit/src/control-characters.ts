import { codedError } from '@onething/schema/errors';
import { type DocumentNode, type GraphQLError, Kind, visit } from 'graphql';

/**
 * Characters no value of the one schema may hold: C0 and C1 control characters other than tab, line feed
 * and carriage return, DEL, and UTF-16 halves without their other half. Stores refuse U+0000 outright
 * (PostgreSQL's text and jsonb), XML 1.0 (the registry's SOAP) refuses the rest, and none is ever typed by
 * a person; refused where a request enters a subgraph, each is named by its code point and where it was.
 */
/** The first forbidden UTF-16 unit of `text`, if any. */
function firstForbidden(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return c;
    } else if (c >= 0xdc00 && c <= 0xdfff) return c;
  }
  return undefined;
}

/** One string holding a forbidden character: where, and which. */
export interface ControlCharacterProblem {
  readonly path: string;
  readonly rule: 'text.controlCharacter';
  readonly message: { readonly zh: string; readonly en: string };
}

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

function problemAt(path: string, text: string): ControlCharacterProblem | undefined {
  const unit = firstForbidden(text);
  if (unit === undefined) return undefined;
  const which = codePoint(unit);
  return {
    path,
    rule: 'text.controlCharacter',
    message: {
      zh: `${path} 含有控制字符 ${which}，任何内容都不能包含该字符：请删除`,
      en: `${path} holds the control character ${which}, which no value may hold: remove it`,
    },
  };
}

function walk(value: unknown, path: string, out: ControlCharacterProblem[]): void {
  if (typeof value === 'string') {
    const p = problemAt(path, value);
    if (p) out.push(p);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = problemAt(`${path} (a key)`, k);
      if (p) out.push(p);
      walk(v, `${path}.${k}`, out);
    }
  }
}

/** Every string of a request's variables and of its document's literals that holds a forbidden character. */
export function controlCharacterProblems(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): ControlCharacterProblem[] {
  const out: ControlCharacterProblem[] = [];
  for (const [name, value] of Object.entries(variables ?? {})) walk(value, `$${name}`, out);
  out.push(...literalProblems(document));
  return out;
}

/**
 * The document's string literals, read once per document: Mercurius keeps each query text's parsed
 * document, so the gateway's few query plans are walked once, not on every request.
 */
const literalsRead = new WeakMap<DocumentNode, readonly ControlCharacterProblem[]>();

function literalProblems(document: DocumentNode): readonly ControlCharacterProblem[] {
  let found = literalsRead.get(document);
  if (found) return found;
  const out: ControlCharacterProblem[] = [];
  visit(document, {
    [Kind.STRING](node) {
      const at = node.loc ? ` at line ${lineOf(node.loc.source.body, node.loc.start)}` : '';
      const p = problemAt(`the string literal${at}`, node.value);
      if (p) out.push(p);
    },
  });
  found = out;
  literalsRead.set(document, found);
  return found;
}

const lineOf = (body: string, offset: number) => body.slice(0, offset).split('\n').length;

/**
 * The error a request with such characters is refused with: one INVALID_INPUT listing every one found,
 * thrown before execution (Mercurius answers the errors it holds in `errors`, see formatErrors).
 */
export function controlCharacterError(
  problems: readonly ControlCharacterProblem[],
  department: string,
): Error & { errors: GraphQLError[]; statusCode: number } {
  const error = codedError('INVALID_INPUT', problems.map((p) => p.message.en).join('; '), {
    department,
    problems,
  });
  return Object.assign(new Error('control characters in the request'), {
    errors: [error],
    statusCode: 400,
  });
}
