import type { FormProblem } from '@onething/schema/forms';
import type { OneForm, OneFormMaterial } from '../catalogue/one-form';
import { ONE_TIME_NOTICE_BASIS } from './legal-basis';
import { type Bilingual, maskIdNumber } from './receipt-data';

/** One thing to correct in the form: where (the one form's label) and what is wrong. */
export interface NoticeProblem {
  readonly field: string;
  readonly code: string;
  readonly label: Bilingual;
  readonly message: Bilingual;
}

/** One material to bring: its name, why it is asked, and in what form to bring it. */
export interface NoticeMaterial {
  readonly id: string;
  readonly name: Bilingual;
  /** The check's message about it. */
  readonly message: Bilingual;
  /** What to bring: the original to show, copies, or a scan to upload. */
  readonly bring: Bilingual;
}

/** What a one-time notice (一次性告知单) says: pure data, rendered by notice-pdf.ts. */
export interface NoticeData {
  readonly bundleName: Bilingual;
  /** The Beijing date it is issued on. */
  readonly date: string;
  readonly centre: Bilingual;
  readonly applicant: { readonly name: string; readonly maskedIdNumber: string };
  /** Every problem of the form but the materials missing (those are under `materials`). */
  readonly problems: readonly NoticeProblem[];
  /** Every required material not handed in. */
  readonly materials: readonly NoticeMaterial[];
  /** The legal basis sentence (《行政许可法》第三十二条). */
  readonly legalBasis: Bilingual;
}

/** What a notice is built from: the hall's one check of the form (forms/form-checks.ts) and who asked. */
export interface NoticeInput {
  readonly bundleName: Bilingual;
  /** The one form checked; absent when an option is unknown (there is no form to label from). */
  readonly form?: Pick<OneForm, 'fields' | 'materials'> | undefined;
  readonly problems: readonly FormProblem[];
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly date: string;
  readonly centre: Bilingual;
}

/** Fields a problem may name that are not fields of the one form. */
const OTHER_FIELDS: Readonly<Record<string, Bilingual>> = {
  options: { zh: '办理选项', en: 'Options' },
  prefillId: { zh: '预填记录', en: 'Prefill' },
  enterpriseUscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  partId: { zh: '办理事项', en: 'Part' },
};

const MATERIAL = 'materials.';

/** How a material is brought: the original shown, copies, or a scan uploaded in the formats accepted. */
export function whatToBring(m: Pick<OneFormMaterial, 'original' | 'copies' | 'formats'>): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (m.original) {
    zh.push('携带原件核验');
    en.push('bring the original to be inspected');
  }
  if (m.copies > 0) {
    zh.push(`复印件 ${m.copies} 份`);
    en.push(`${m.copies} ${m.copies === 1 ? 'copy' : 'copies'}`);
  }
  if (m.formats.length > 0) {
    zh.push(`或上传扫描件（${m.formats.join('、')}）`);
    en.push(`or upload a scan (${m.formats.join(', ')})`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/**
 * The one-time notice of a form that is not complete (一次告知): every problem of the hall's one check,
 * each under the label the one form gives its field, and every required material not handed in with what
 * to bring — all at once, as 《行政许可法》第三十二条 asks.
 */
export function noticeData(input: NoticeInput): NoticeData {
  const fields = new Map(input.form?.fields.map((f) => [f.key, f]) ?? []);
  const materials = new Map(input.form?.materials.map((m) => [m.id, m]) ?? []);
  const label = (field: string): Bilingual => {
    if (field.startsWith(MATERIAL)) {
      const m = materials.get(field.slice(MATERIAL.length));
      return m?.name ?? { zh: `材料 ${field.slice(MATERIAL.length)}`, en: field.slice(MATERIAL.length) };
    }
    return fields.get(field)?.label ?? OTHER_FIELDS[field] ?? { zh: field, en: field };
  };
  const missing = (p: FormProblem) =>
    p.code === 'material.missing' && materials.has(p.field.slice(MATERIAL.length));
  return {
    bundleName: input.bundleName,
    date: input.date,
    centre: input.centre,
    applicant: { name: input.applicant.name, maskedIdNumber: maskIdNumber(input.applicant.idNumber) },
    problems: input.problems
      .filter((p) => !missing(p))
      .map((p) => ({ field: p.field, code: p.code, label: label(p.field), message: p.message })),
    materials: input.problems.filter(missing).map((p) => {
      const m = materials.get(p.field.slice(MATERIAL.length))!;
      return { id: m.id, name: m.name, message: p.message, bring: whatToBring(m) };
    }),
    legalBasis: ONE_TIME_NOTICE_BASIS,
  };
}
