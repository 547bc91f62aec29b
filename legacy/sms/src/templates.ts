import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ParamProblem } from './codes';

/**
 * The longest value a variable may take, whatever its template says: the platform's rule (cloud SMS
 * platforms cap a variable at 35 characters); no regulation fixes it.
 */
export const MAX_VARIABLE_LENGTH = 35;
/** The longest template content, signature included: the platform's rule (500 characters). */
export const MAX_CONTENT_LENGTH = 500;
/**
 * Characters of one message in UCS-2, the coding of any message holding Chinese (3GPP TS 23.038 §6.2.3):
 * 140 octets make 70 characters; a longer text is sent in parts of 67, since each part gives 6 octets to
 * the concatenation header (3GPP TS 23.040 §9.2.3.24.1).
 */
export const SINGLE_SEGMENT_CHARS = 70;
export const CONCATENATED_SEGMENT_CHARS = 67;

const variableName = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,31}$/, 'a variable name is camelCase, ≤ 32 characters');

/** One named variable of a template (模板变量). */
export const variableSchema = z
  .object({
    /** Longest value, at most {@link MAX_VARIABLE_LENGTH}. */
    maxLength: z.number().int().min(1).max(MAX_VARIABLE_LENGTH),
    /** `text`: any text; `code`: letters, digits and `-` (a number of a record); `amount`: a sum of yuan. */
    kind: z.enum(['text', 'code', 'amount']).default('text'),
  })
  .strict();

/** A template as registered at the gateway (模板): its content with `${name}` variables, and its rules. */
export const templateSchema = z
  .object({
    /** The template code callers send (`TemplateCode`). */
    code: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'upper case letters, digits and _'),
    /** The signature it is registered under (短信签名). */
    sign: z.string(),
    /** What it is for, as the platform's review saw it. */
    purpose: z.string().min(1),
    content: z.string().min(1),
    variables: z.record(variableName, variableSchema),
    /** Whether a variable's value may hold a link (`http://…`, `www.…`, a domain). */
    allowLinks: z.boolean().default(false),
    /** Whether a variable's value may hold a telephone number. */
    allowPhones: z.boolean().default(false),
  })
  .strict();

export type TemplateSpec = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

/** A signature (短信签名): 2 to 12 characters, Chinese, letters or digits (the platform's rule). */
export const signNameSchema = z
  .string()
  .regex(/^[\p{Script=Han}A-Za-z0-9]{2,12}$/u, '2 to 12 Chinese characters, letters or digits');

const seedSchema = z
  .object({ signatures: z.array(signNameSchema), templates: z.array(templateSchema) })
  .strict();

const PLACEHOLDER = /\$\{([A-Za-z0-9]+)\}/g;
const LINK = /(https?:\/\/|www\.|[A-Za-z0-9-]+\.(cn|com|net|org|gov|top|xyz|cc)\b)/i;
/** A mobile number, or a landline with its area code (0 + 2–3 digits + 7–8 digits), or a 400/800 number. */
const PHONE = /(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4})/;

/** The variables a content names, in order of first appearance. */
export function placeholders(content: string): string[] {
  return [...new Set([...content.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Problems of a template itself: placeholders and declared variables must agree; the length fits. */
export function templateProblems(t: TemplateSpec): string[] {
  const named = placeholders(t.content);
  const declared = Object.keys(t.variables);
  const problems = [
    ...named.filter((n) => !declared.includes(n)).map((n) => `\${${n}} is in the content but not declared`),
    ...declared
      .filter((n) => !named.includes(n))
      .map((n) => `variable ${n} is declared but not in the content`),
  ];
  const longest =
    `【${t.sign}】${t.content}`.replace(PLACEHOLDER, '').length +
    Object.values(t.variables).reduce((sum, v) => sum + v.maxLength, 0);
  if (longest > MAX_CONTENT_LENGTH)
    problems.push(`the longest message is ${longest} characters, more than ${MAX_CONTENT_LENGTH}`);
  return problems;
}

/** Parts a text is sent in (计费条数). */
export function segmentsOf(text: string): number {
  const length = [...text].length;
  return length <= SINGLE_SEGMENT_CHARS ? 1 : Math.ceil(length / CONCATENATED_SEGMENT_CHARS);
}

/**
 * Checks the values sent for a template's variables, every problem at once: each variable given, none
 * unknown, each a string within its length and kind, no link or telephone number where the template does
 * not allow them. Returns the text as the recipient reads it, signature first.
 */
export function render(
  t: TemplateSpec,
  values: Readonly<Record<string, unknown>>,
): { text: string } | { problems: ParamProblem[]; code: ProblemCode } {
  const found: { code: ProblemCode; problem: ParamProblem }[] = [];
  const add = (code: ProblemCode, name: string, Reason: string) =>
    found.push({ code, problem: { Param: `TemplateParam.${name}`, Reason } });
  for (const name of Object.keys(values))
    if (!(name in t.variables)) add('Template.ParamUnknown', name, `模板${t.code}中没有变量\${${name}}`);
  for (const [name, spec] of Object.entries(t.variables)) {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') {
      add('Template.ParamMissing', name, '应为非空字符串');
      continue;
    }
    const length = [...value].length;
    if (length > spec.maxLength) add('Template.ParamTooLong', name, `长度${length}超过${spec.maxLength}`);
    if (spec.kind === 'code' && !/^[A-Za-z0-9-]+$/.test(value))
      add('Template.ParamFormat', name, '应为字母、数字或-');
    if (spec.kind === 'amount' && !/^\d{1,12}(\.\d{1,2})?$/.test(value))
      add('Template.ParamFormat', name, '应为金额（元，至多两位小数）');
    if (!t.allowLinks && LINK.test(value)) add('Template.ParamForbidden', name, '模板不允许变量含有链接');
    if (!t.allowPhones && spec.kind !== 'amount' && spec.kind !== 'code' && PHONE.test(value))
      add('Template.ParamForbidden', name, '模板不允许变量含有电话号码');
  }
  if (found.length > 0) return { code: found[0]!.code, problems: found.map((f) => f.problem) };
  const body = t.content.replace(PLACEHOLDER, (_, name: string) => String(values[name]));
  return { text: `【${t.sign}】${body}` };
}

/** The codes a variable problem is answered with (the first problem found names the code). */
export type ProblemCode =
  | 'Template.ParamUnknown'
  | 'Template.ParamMissing'
  | 'Template.ParamTooLong'
  | 'Template.ParamFormat'
  | 'Template.ParamForbidden';

/** The signatures and templates registered at the gateway: seeded from data, added at run time by the admin. */
export class TemplateRegistry {
  private readonly signs = new Set<string>();
  private readonly templates = new Map<string, TemplateSpec>();

  hasSign(name: string): boolean {
    return this.signs.has(name);
  }

  template(code: string): TemplateSpec | undefined {
    return this.templates.get(code);
  }

  registerSign(name: string): void {
    this.signs.add(signNameSchema.parse(name));
  }

  /** Registers (or replaces) a template; refuses one whose content and variables disagree. */
  registerTemplate(input: TemplateInput): TemplateSpec {
    const t = templateSchema.parse(input);
    const problems = templateProblems(t);
    if (!this.signs.has(t.sign)) problems.push(`signature 【${t.sign}】 is not registered`);
    if (problems.length > 0) throw new TemplateError(t.code, problems);
    this.templates.set(t.code, t);
    return t;
  }

  toJSON() {
    return { signatures: [...this.signs], templates: [...this.templates.values()] };
  }

  /** A registry seeded from a data file (`data/templates.json`), refused at start when anything is wrong. */
  static fromFile(url: URL): TemplateRegistry {
    const seed = seedSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
    const registry = new TemplateRegistry();
    for (const s of seed.signatures) registry.registerSign(s);
    for (const t of seed.templates) registry.registerTemplate(t);
    return registry;
  }
}

/** A template the gateway refuses to register, with every reason. */
export class TemplateError extends Error {
  constructor(
    readonly code: string,
    readonly problems: readonly string[],
  ) {
    super(`template ${code}: ${problems.join('; ')}`);
  }
}
