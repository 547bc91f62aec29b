/**
 * The reasons a bad rating (差评) gives, as the national 好差评 system lists them for an applicant to tick
 * (国务院办公厅《关于建立政务服务“好差评”制度提高政务服务水平的意见》, 国办发〔2019〕51号; the evaluation
 * itself by GB/T 39735-2020《政务服务评价工作指南》). One registry: the SDL's `RatingReason` enum, the
 * `ratingReasons` query and the web form's checkboxes all come from it.
 */
export const RATING_REASONS = [
  { value: 'ATTITUDE', zh: '服务态度差', en: 'Staff were unhelpful or impolite' },
  { value: 'SLOW', zh: '办事效率低、超时办理', en: 'Slow, or past the promised time limit' },
  { value: 'MULTIPLE_VISITS', zh: '多次跑动', en: 'Had to come back more than once' },
  {
    value: 'UNCLEAR_MATERIALS',
    zh: '材料要求不明确、重复提交',
    en: 'Unclear material requirements, or materials asked for again',
  },
  { value: 'NOT_TOLD_AT_ONCE', zh: '未一次性告知', en: 'Not told everything needed at once' },
  { value: 'SYSTEM_HARD_TO_USE', zh: '系统操作不便', en: 'The online system was hard to use' },
  { value: 'UNREASONABLE_FEES', zh: '收费不合理', en: 'Unreasonable fees' },
  { value: 'OTHER', zh: '其他', en: 'Other (say what in the comment)' },
] as const;

/** A reason's code, as the SDL's `RatingReason` enum spells it. */
export type RatingReasonCode = (typeof RATING_REASONS)[number]['value'];

/** Every reason code, in the list's order. */
export const RATING_REASON_CODES: readonly RatingReasonCode[] = RATING_REASONS.map((r) => r.value);

/** The highest level that is a bad rating (差评): 不满意 (2) and 非常不满意 (1). */
export const BAD_LEVEL = 2;

/** The five levels, 1 to 5, as the national system names them. */
export const RATING_LEVELS = [
  { level: 1, zh: '非常不满意', en: 'Very dissatisfied' },
  { level: 2, zh: '不满意', en: 'Dissatisfied' },
  { level: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { level: 4, zh: '满意', en: 'Satisfied' },
  { level: 5, zh: '非常满意', en: 'Very satisfied' },
] as const;

/** The reason of a code (undefined: not a reason). */
export const ratingReason = (code: string) => RATING_REASONS.find((r) => r.value === code);
