/**
 * What an applicant is told of a part's last dispatch problem: its code and a plain sentence. The
 * detail (the department's or the adapter's own words, which may name internal systems) is for staff
 * of the part's department and window staff only.
 */

/** A plain sentence in Chinese and English. */
export interface Sentence {
  readonly zh: string;
  readonly en: string;
}

const UNREACHABLE: Sentence = {
  zh: '暂时无法连接办理部门的系统，系统将自动重试，无需重新提交。',
  en: 'The department’s system cannot be reached for now; it is retried automatically, no need to submit again.',
};
const SLOW: Sentence = {
  zh: '办理部门的系统暂未响应，系统将自动重试，无需重新提交。',
  en: 'The department’s system did not answer in time; it is retried automatically, no need to submit again.',
};
const GARBLED: Sentence = {
  zh: '办理部门的系统返回了无法识别的结果，系统将自动重试。',
  en: 'The department’s system answered with something that could not be read; it is retried automatically.',
};

/** The applicant's sentence for each dispatch code (the adapter's, the gateway's, the hall's own). */
const SENTENCES: Record<string, Sentence> = {
  DEPARTMENT_UNAVAILABLE: UNREACHABLE,
  SUBGRAPH_UNAVAILABLE: UNREACHABLE,
  GATEWAY_UNREACHABLE: UNREACHABLE,
  NOT_READY: UNREACHABLE,
  DEPARTMENT_TIMEOUT: SLOW,
  SUBGRAPH_TIMEOUT: SLOW,
  MALFORMED_RESPONSE: GARBLED,
  SUBGRAPH_MALFORMED_RESPONSE: GARBLED,
  DEPARTMENT_REJECTED: {
    zh: '办理部门未受理本事项，原因见办理结果说明。',
    en: 'The department did not take the case; its reason is given with the part.',
  },
  INVALID_INPUT: {
    zh: '所填信息未通过办理部门的校验，请按提示更正。',
    en: 'What was filled in did not pass the department’s checks; correct it as indicated.',
  },
  CASE_NOT_FOUND: {
    zh: '办理部门查询不到本件，窗口工作人员将核实处理。',
    en: 'The department cannot find the case; window staff will look into it.',
  },
  ITEM_UNKNOWN: {
    zh: '办理部门已不再发布本事项，窗口工作人员将联系您。',
    en: 'The department no longer offers this item; window staff will contact you.',
  },
};
const OTHERWISE: Sentence = {
  zh: '报送办理部门时出现问题，系统将自动重试或由窗口工作人员处理。',
  en: 'Sending to the department ran into a problem; it is retried automatically or handled by window staff.',
};

/** The code a stored problem carries (older rows kept only `CODE: message`). */
export function problemCode(code: string | null, stored: string): string {
  return code ?? /^([A-Z_]+):/.exec(stored)?.[1] ?? 'UNEXPECTED';
}

/** The applicant's sentence for a dispatch code. */
export function problemSentence(code: string): Sentence {
  return SENTENCES[code] ?? OTHERWISE;
}

/** A part's last dispatch problem as the schema's `DispatchProblem`, with its detail only for staff. */
export function dispatchProblem(
  code: string | null,
  stored: string | null,
  seesDetail: boolean,
): { code: string; message: Sentence; detail: string | null } | null {
  if (stored === null) return null;
  const c = problemCode(code, stored);
  return { code: c, message: problemSentence(c), detail: seesDetail ? stored : null };
}
