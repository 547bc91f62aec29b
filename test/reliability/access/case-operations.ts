import { DEPARTMENT, DEPARTMENT_KEYS } from '@onething/schema/departments';
import { caseInput, caseOperations } from '../../stack/department-cases';
import type { Department } from '../../stack/support';
import { type AccessFixture, PERSONAS, type Persona } from './fixture';
import { judgeAnswer, type Operation } from './operation';

/** Who may read a department's case: its own staff, and the hall acting for the case's applicant. */
const readers = (d: Department): Persona[] => [`staff-${d}` as Persona, 'hall'];

const ask = (f: AccessFixture, as: Persona) => [f.tokens[as], f.headers[as]] as const;

/** Reading the citizen's case at a department by its number and by the key it was submitted under. */
function caseReads(d: Department): Operation[] {
  const ops = caseOperations(d);
  const { title } = DEPARTMENT[d];
  return [
    {
      key: `case.${d}`,
      label: `read a ${title} case by number (${ops.read})`,
      allowed: readers(d),
      try: async (s, f, as) =>
        judgeAnswer(await s.gql(ops.readQuery, { n: f.cases[d].caseNumber }, ...ask(f, as)), [ops.read]),
    },
    {
      key: `case-by-key.${d}`,
      label: `read a ${title} case by its key (${ops.byKey})`,
      allowed: readers(d),
      try: async (s, f, as) =>
        judgeAnswer(
          await s.gql(ops.byKeyQuery, { c: f.cases[d].itemCode, k: f.cases[d].key }, ...ask(f, as)),
          [ops.byKey],
        ),
    },
  ];
}

/**
 * Handing a case straight to a department, and correcting one there: only the hall, acting for the
 * applicant whose case it is. Everyone else — an applicant for themselves included, with the citizen's
 * upload as their material (the finding this row replays), and the departments' own staff — is refused
 * before the department is called.
 */
function caseWrites(d: Department): Operation[] {
  const ops = caseOperations(d);
  const { title } = DEPARTMENT[d];
  return [
    {
      key: `submit.${d}`,
      label: `submit a ${title} case straight to the department (${ops.submit}), for oneself`,
      writes: true,
      allowed: ['hall'],
      try: async (s, f, as) => {
        // An applicant for themselves; anyone without an ID number of their own, for the citizen.
        const applicant = f.ids[as] ?? f.citizenId;
        const name = applicant === f.citizenId ? f.citizenName : '张三';
        // A business name of its own: the market register takes each name once.
        const form = [
          ...f.citizenForm,
          { key: 'enterprise.name', value: `湖州一件事${PERSONAS.indexOf(as) + 1}号便民小店` },
        ];
        const input = caseInput(
          d,
          { idNumber: applicant, name },
          form,
          `access-submit-${d}-${as}`,
          `upload:${f.completed.saleContract}`,
        );
        return judgeAnswer(await s.gql(ops.submitQuery, { i: input }, ...ask(f, as)), [ops.submit]);
      },
    },
    {
      key: `correct.${d}`,
      label: `correct a ${title} case straight at the department (${ops.correct})`,
      writes: true,
      allowed: ['hall'],
      try: async (s, f, as) =>
        judgeAnswer(
          await s.gql(
            ops.correctQuery,
            { n: f.cases[d].caseNumber, k: `access-correct-${d}-${as}`, f: f.cases[d].correction },
            ...ask(f, as),
          ),
          [ops.correct],
        ),
    },
  ];
}

/** The case reads of the matrix, every department's. */
export const CASE_READS: readonly Operation[] = DEPARTMENT_KEYS.flatMap(caseReads);

/** The case writes of the matrix, every department's. */
export const CASE_WRITES: readonly Operation[] = DEPARTMENT_KEYS.flatMap(caseWrites);
