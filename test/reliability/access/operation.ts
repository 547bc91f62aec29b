import type { Answer, TestStack } from '../../stack/support';
import type { AccessFixture, Persona } from './fixture';

/** What came of a persona trying an operation. */
export type Verdict =
  | { readonly outcome: 'allowed' }
  | { readonly outcome: 'denied'; readonly how: string }
  | { readonly outcome: 'broken'; readonly why: string };

/** One operation of the matrix: who may do it, and how to try it as anyone. */
export interface Operation {
  readonly key: string;
  /** What it is, as the section's table names it. */
  readonly label: string;
  /** Writes when allowed: tried after every denial, and the allowed personas only once. */
  readonly writes?: boolean;
  /** The personas who may; every other persona must be denied. */
  readonly allowed: readonly Persona[];
  try(s: TestStack, f: AccessFixture, as: Persona): Promise<Verdict>;
}

/** The codes a denial is answered with: not signed in, not allowed, or not there for you. */
const DENIALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);

const valueAt = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined),
    data,
  );

/**
 * The verdict of a GraphQL answer for the value at `path`: allowed when it is there without a denial,
 * denied when it is absent and a denial code says why (or, where `nullIsDenial`, when the schema answers
 * "not yours" with null, as application(id:) does). Anything else — an internal error, data and a denial
 * at once — is broken.
 */
export function judgeAnswer(
  r: Answer,
  path: readonly string[],
  options: { nullIsDenial?: boolean; allowedIf?: (value: unknown) => string | undefined } = {},
): Verdict {
  const value = valueAt(r.data, path);
  const codes = (r.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
  const denial = codes.find((c) => DENIALS.has(c));
  const other = codes.find((c) => !DENIALS.has(c));
  if (other) return { outcome: 'broken', why: `error ${other}: ${JSON.stringify(r.errors)}` };
  if (value !== null && value !== undefined) {
    if (denial) return { outcome: 'broken', why: `data and ${denial} at once: ${JSON.stringify(r)}` };
    const wrong = options.allowedIf?.(value);
    return wrong ? { outcome: 'broken', why: wrong } : { outcome: 'allowed' };
  }
  if (denial) return { outcome: 'denied', how: denial };
  if (options.nullIsDenial) return { outcome: 'denied', how: 'null' };
  return { outcome: 'broken', why: `no data and no denial: ${JSON.stringify(r)}` };
}

/** The verdict of an HTTP answer: allowed on `ok`, denied on 401/403/404 with a code. */
export async function judgeHttp(res: Response, ok: number): Promise<Verdict> {
  const body = (await res.json().catch(() => undefined)) as
    | { errors?: { extensions?: { code?: string } }[] }
    | undefined;
  if (res.status === ok) return { outcome: 'allowed' };
  const code = body?.errors?.[0]?.extensions?.code;
  if ([401, 403, 404].includes(res.status) && code)
    return { outcome: 'denied', how: `${res.status} ${code}` };
  return { outcome: 'broken', why: `HTTP ${res.status}: ${JSON.stringify(body)}` };
}
