import { validateResidentId, validateUscc } from '@onething/schema';
import {
  type FormProblem,
  forbiddenCharacters,
  forbiddenCharactersMessage,
  problem,
} from '@onething/schema/forms';
import { isHallId } from '../ids';
import type { DelegationDraft } from './model';

/** What a delegation is checked against: who grants it, on which day, and what the hall knows. */
export interface DelegationFacts {
  /** The principal: the applicant signed in, or the walk-in of the officer's visit. */
  readonly principalIdNumber: string;
  /** The enterprises the principal represents (their sign-in's, or the visit's). */
  readonly principalEnterprises: readonly string[];
  /** Today in Beijing, `yyyy-MM-dd` (calendar/clock.ts). */
  readonly today: string;
  /** The codes of the hall's bundles. */
  readonly bundleCodes: ReadonlySet<string>;
  /** Which of the named upload ids are the principal's own uploads. */
  readonly principalUploads: ReadonlySet<string>;
  /** At a window the signed paper is the delegation: its scan is required (recordDelegation). */
  readonly powerOfAttorneyRequired: boolean;
}

/** A delegation's values once every rule holds: trimmed, defaulted, de-duplicated. */
export interface CheckedDelegation {
  readonly agentIdNumber: string;
  readonly agentName: string;
  readonly bundleCodes: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
  readonly enterpriseUscc: string | null;
  readonly powerOfAttorneyUploadId: string | null;
}

/** Most characters of an agent's name (names on resident ID cards are far shorter). */
const NAME_MAX = 50;
/** An agent acts on their own responsibility: an adult (《民法典》第十八条, full civil capacity at 18). */
const AGENT_MIN_AGE = 18;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Unknown bundle codes a problem names (the rest are counted). */
const UNKNOWN_NAMED = 5;

/**
 * The last day a delegation starting on `from` may run to: the same date a year later (29 February to 28
 * February). 《民法典》第一百六十五条 asks a power of attorney to state its term (期限) and leaves the term to
 * the parties; the cap of one year is the hall's own decision, not the law's: a delegation nobody remembers
 * lapses, and a principal who still wants it grants it again (with a fresh, signed power of attorney).
 */
export function longestUntil(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

const isRealDate = (v: string) => DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** Whole years from a birth date to a day (both `yyyy-MM-dd`). */
const ageOn = (birth: string, on: string) =>
  Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);

/**
 * Checks a delegation whole: every problem at once, each at its field with zh and en messages, never
 * the first only. The rules follow 《民法典》第一百六十五条: a written power of attorney names the agent,
 * the matters (here: the bundles), the powers and the term, and is signed by the principal.
 */
export function checkDelegation(
  draft: DelegationDraft,
  facts: DelegationFacts,
): { problems: FormProblem[]; delegation?: CheckedDelegation } {
  const problems: FormProblem[] = [];
  const add = (field: string, code: string, zh: string, en: string) =>
    problems.push(problem(field, code, zh, en, []));

  // The agent: a real resident ID number (GB 11643), an adult, someone other than the principal.
  const agentIdNumber = draft.agentIdNumber.trim().toUpperCase();
  const id = validateResidentId(agentIdNumber, new Date(`${facts.today}T00:00:00Z`));
  if (!id.ok) for (const p of id.problems) add('agentIdNumber', p.rule, p.message.zh, p.message.en);
  else if (id.value === facts.principalIdNumber)
    add(
      'agentIdNumber',
      'delegation.agentIsPrincipal',
      '受托人不能是委托人本人：本人可直接办理',
      'the agent cannot be the principal: you act for yourself without a delegation',
    );
  else if (ageOn(id.details.birthDate, facts.today) < AGENT_MIN_AGE)
    add(
      'agentIdNumber',
      'delegation.agentMinor',
      `受托人应年满${AGENT_MIN_AGE}周岁`,
      `the agent must be at least ${AGENT_MIN_AGE} years old`,
    );

  const agentName = draft.agentName.trim();
  if (agentName === '')
    add('agentName', 'field.required', '请填写受托人姓名', 'give the agent’s name, as on their ID card');
  else if ([...agentName].length > NAME_MAX)
    add(
      'agentName',
      'field.maxLength',
      `受托人姓名最多${NAME_MAX}个字`,
      `the agent’s name has at most ${NAME_MAX} characters`,
    );
  else {
    const bad = forbiddenCharacters(agentName);
    if (bad.length > 0) {
      const m = forbiddenCharactersMessage(bad);
      add('agentName', 'field.characters', m.zh, m.en);
    }
  }

  // The scope: at least one bundle, each one the hall has.
  const bundleCodes = [...new Set(draft.bundleCodes.map((c) => c.trim()))];
  if (bundleCodes.length === 0)
    add(
      'bundleCodes',
      'delegation.scopeEmpty',
      '请至少选择一项委托办理的事项',
      'name at least one bundle the agent may act in',
    );
  // Unknown codes in one problem, the first few named: a list of thousands is answered in a line.
  const unknown = bundleCodes.filter((c) => !facts.bundleCodes.has(c));
  if (unknown.length > 0) {
    const known = [...facts.bundleCodes].join(', ');
    const named = unknown
      .slice(0, UNKNOWN_NAMED)
      .map((c) => JSON.stringify(c.length > 40 ? `${c.slice(0, 40)}…` : c))
      .join(', ');
    const more = unknown.length > UNKNOWN_NAMED ? unknown.length - UNKNOWN_NAMED : 0;
    add(
      'bundleCodes',
      'bundle.unknown',
      `没有一件事 ${named}${more ? ` 等${unknown.length}项` : ''}，可选：${known}`,
      `no bundle ${named}${more ? ` and ${more} more` : ''}; bundles: ${known}`,
    );
  }

  // The term: from today or later, until no earlier than it starts, at most a year.
  const validFrom = draft.validFrom ?? facts.today;
  const validUntil = draft.validUntil;
  const fromReal = isRealDate(validFrom);
  const untilReal = isRealDate(validUntil);
  if (!fromReal)
    add('validFrom', 'Date.format', '日期应为真实日期 yyyy-MM-dd', 'a real date written yyyy-MM-dd');
  else if (validFrom < facts.today)
    add(
      'validFrom',
      'delegation.validFromPast',
      `生效日期不能早于今天（${facts.today}）`,
      `the first day cannot be before today (${facts.today})`,
    );
  if (!untilReal)
    add('validUntil', 'Date.format', '日期应为真实日期 yyyy-MM-dd', 'a real date written yyyy-MM-dd');
  else if (fromReal && validUntil < validFrom)
    add(
      'validUntil',
      'delegation.validUntilBeforeFrom',
      `截止日期不能早于生效日期（${validFrom}）`,
      `the last day cannot be before the first (${validFrom})`,
    );
  else if (fromReal && validUntil > longestUntil(validFrom))
    add(
      'validUntil',
      'delegation.termTooLong',
      `委托期限最长一年：截止日期最晚为 ${longestUntil(validFrom)}`,
      `a delegation runs for a year at most: its last day is ${longestUntil(validFrom)} at the latest`,
    );

  // For an enterprise: a real USCC (GB 32100), of one the principal represents.
  const enterprise = draft.enterpriseUscc?.trim().toUpperCase() || null;
  if (enterprise !== null) {
    const uscc = validateUscc(enterprise);
    if (!uscc.ok) for (const p of uscc.problems) add('enterpriseUscc', p.rule, p.message.zh, p.message.en);
    else if (!facts.principalEnterprises.includes(uscc.value))
      add(
        'enterpriseUscc',
        'enterprise.notRepresented',
        '委托人不是该企业的法定代表人，不能为其委托',
        'the principal does not represent this enterprise: only its legal representative delegates for it',
      );
  }

  // The power of attorney: one of the principal's uploads; at a window, the scan of the signed paper.
  const upload = draft.powerOfAttorneyUploadId?.trim() || null;
  if (upload === null) {
    if (facts.powerOfAttorneyRequired)
      add(
        'powerOfAttorneyUploadId',
        'field.required',
        '请上传委托人签名的授权委托书扫描件',
        'upload the scan of the power of attorney the principal signed',
      );
  } else if (!isHallId(upload) || !facts.principalUploads.has(upload))
    add(
      'powerOfAttorneyUploadId',
      'material.uploadUnknown',
      '找不到委托人上传的该授权委托书，请重新上传',
      'the power of attorney is not among the principal’s uploads: upload it again',
    );

  if (problems.length > 0) return { problems };
  return {
    problems,
    delegation: {
      agentIdNumber,
      agentName,
      bundleCodes,
      validFrom,
      validUntil,
      enterpriseUscc: enterprise,
      powerOfAttorneyUploadId: upload,
    },
  };
}
