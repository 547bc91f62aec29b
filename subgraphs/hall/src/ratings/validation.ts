import { forbiddenCharacters, forbiddenCharactersMessage } from '@onething/schema/forms';
import type { ApplicationStatus, PartStatus } from '../applications/model';
import { BAD_LEVEL, type RatingReasonCode } from './reasons';

/** One target's rating as given: a level, the reasons of a bad one, a comment. */
export interface RatingGiven {
  readonly level: number;
  readonly reasons: readonly RatingReasonCode[];
  readonly comment?: string | null | undefined;
}

/** `rateService`'s input: the window's service, and any finished parts. */
export interface RateServiceInput {
  readonly window?: RatingGiven | null | undefined;
  readonly parts: readonly (RatingGiven & { readonly partId: string })[];
}

/** A problem of a rating, as INVALID_INPUT's `problems` carry it. */
export interface RatingProblem {
  readonly path: string;
  readonly rule: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/** What the rating is checked against: the application's status, its parts, and what is rated already. */
export interface RatingContext {
  readonly status: ApplicationStatus;
  readonly parts: readonly {
    readonly id: string;
    readonly status: PartStatus;
    readonly name: { readonly zh: string; readonly en: string };
  }[];
  readonly windowRated: boolean;
  readonly partsRated: ReadonlySet<string>;
}

/** The longest comment, in characters. */
export const MAX_RATING_COMMENT = 500;

/** A part may be rated once its department decided it (一事一评: as soon as it is done, whatever the rest). */
const PART_FINISHED: ReadonlySet<PartStatus> = new Set(['APPROVED', 'REJECTED']);
/** The window's service once the application is done with: completed, delivered, or refused. */
const APPLICATION_FINISHED: ReadonlySet<ApplicationStatus> = new Set(['COMPLETED', 'DELIVERED', 'REJECTED']);

const p = (path: string, rule: string, zh: string, en: string): RatingProblem => ({
  path,
  rule,
  message: { zh, en },
});

/** The problems of one target's level, reasons and comment. */
function checkGiven(path: string, given: RatingGiven, what: { zh: string; en: string }): RatingProblem[] {
  const out: RatingProblem[] = [];
  if (!Number.isInteger(given.level) || given.level < 1 || given.level > 5)
    out.push(
      p(
        `${path}.level`,
        'rating.level',
        `${what.zh}：评价等级为1（非常不满意）至5（非常满意）`,
        `${what.en}: a rating is a level from 1 (very dissatisfied) to 5 (very satisfied)`,
      ),
    );
  else if (given.level <= BAD_LEVEL && given.reasons.length === 0)
    out.push(
      p(
        `${path}.reasons`,
        'rating.reasons',
        `${what.zh}：不满意的评价请至少选择一项原因`,
        `${what.en}: a dissatisfied rating names at least one reason`,
      ),
    );
  else if (given.level > BAD_LEVEL && given.reasons.length > 0)
    out.push(
      p(
        `${path}.reasons`,
        'rating.reasonsForGood',
        `${what.zh}：原因仅在不满意时选择`,
        `${what.en}: reasons are given only with a dissatisfied rating (level 1 or 2)`,
      ),
    );
  if (new Set(given.reasons).size !== given.reasons.length)
    out.push(
      p(
        `${path}.reasons`,
        'rating.reasonTwice',
        `${what.zh}：原因重复`,
        `${what.en}: a reason is given twice`,
      ),
    );
  const comment = given.comment?.trim() ?? '';
  if ([...comment].length > MAX_RATING_COMMENT)
    out.push(
      p(
        `${path}.comment`,
        'rating.comment',
        `${what.zh}：评价内容最多${MAX_RATING_COMMENT}字`,
        `${what.en}: a comment is at most ${MAX_RATING_COMMENT} characters`,
      ),
    );
  const found = comment ? forbiddenCharacters(comment, { multiline: true }) : [];
  if (found.length > 0) {
    const m = forbiddenCharactersMessage(found);
    out.push(
      p(
        `${path}.comment`,
        'rating.characters',
        `${what.zh}：评价内容${m.zh}`,
        `${what.en}: the comment ${m.en}`,
      ),
    );
  }
  return out;
}

const WINDOW = { zh: '窗口服务', en: 'the window’s service' };

/**
 * Every problem of a rating at once (一次告知): each target's level, reasons and comment; each part is this
 * application's, given once, finished, and not rated before; the window once the application is done with
 * and not rated before. Empty: it may be stored.
 */
export function checkRating(input: RateServiceInput, context: RatingContext): RatingProblem[] {
  const problems: RatingProblem[] = [];
  if (!input.window && input.parts.length === 0)
    problems.push(
      p(
        'parts',
        'rating.empty',
        '请至少评价一个事项或窗口服务',
        'rate at least one part or the window’s service',
      ),
    );
  if (input.window) {
    problems.push(...checkGiven('window', input.window, WINDOW));
    const finished =
      APPLICATION_FINISHED.has(context.status) ||
      (context.parts.length > 0 &&
        context.parts.every((x) => PART_FINISHED.has(x.status) || x.status === 'CANCELLED'));
    if (!finished)
      problems.push(
        p(
          'window',
          'rating.notFinished',
          '窗口服务在申请办结后才能评价',
          'the window’s service is rated once the application is finished',
        ),
      );
    if (context.windowRated)
      problems.push(p('window', 'rating.already', '窗口服务已评价', 'the window’s service is rated already'));
  }
  const seen = new Set<string>();
  input.parts.forEach((given, i) => {
    const path = `parts.${i}`;
    const part = context.parts.find((x) => x.id === given.partId);
    if (!part) {
      problems.push(
        p(
          `${path}.partId`,
          'rating.part',
          '该申请没有这个事项',
          `the application has no part ${given.partId}`,
        ),
      );
      return;
    }
    problems.push(...checkGiven(path, given, part.name));
    if (seen.has(part.id))
      problems.push(
        p(
          `${path}.partId`,
          'rating.twice',
          `“${part.name.zh}”重复评价`,
          `${part.name.en} is rated twice in one answer`,
        ),
      );
    seen.add(part.id);
    if (!PART_FINISHED.has(part.status))
      problems.push(
        p(
          `${path}.partId`,
          'rating.notFinished',
          `“${part.name.zh}”办结后才能评价`,
          `${part.name.en} is rated once its department decided it (it is ${part.status})`,
        ),
      );
    if (context.partsRated.has(part.id))
      problems.push(
        p(`${path}.partId`, 'rating.already', `“${part.name.zh}”已评价`, `${part.name.en} is rated already`),
      );
  });
  return problems;
}
