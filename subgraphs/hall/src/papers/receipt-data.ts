import type { Application, Part } from '../applications/model';
import { beijingDate, type WorkingDayCalendar } from '../calendar/working-days';

/** Text in both languages, as the hall's data holds names. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Where an application was handed in (the SDL's IntakeChannel). */
export type IntakeChannel = 'ONLINE' | 'WINDOW';

/**
 * A resident ID number as a paper shows it: the first 6 (the region) and the last 4 characters, the rest
 * starred, so a receipt left on a counter does not hand over the number (《个人信息保护法》 art. 51).
 * Anything too short to keep 10 characters of is starred whole.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}${'*'.repeat(chars.length - 10)}${chars.slice(-4).join('')}`;
}

/** One item on a receipt: which department, its promised limit, and the deadline it runs to. */
export interface ReceiptItem {
  readonly code: string;
  readonly name: Bilingual;
  readonly department: Bilingual;
  /** The promised time limit (承诺时限), in working days. */
  readonly promisedDays: number;
  /** The department's deadline once it accepted the part; before, the expected one (see `expected`). */
  readonly deadline: string;
  /** Whether the deadline is expected (预计): counted from the submission date, not yet the department's. */
  readonly expected: boolean;
}

/** What an acceptance receipt (受理回执) says: pure data, rendered by receipt-pdf.ts. */
export interface ReceiptData {
  /** The application number (its id). */
  readonly number: string;
  readonly bundleName: Bilingual;
  /** The Beijing date of submission. */
  readonly date: string;
  readonly applicant: { readonly name: string; readonly maskedIdNumber: string };
  readonly items: readonly ReceiptItem[];
  /** The materials received, as the one form names them. */
  readonly materials: readonly { readonly id: string; readonly name: Bilingual }[];
  /** The responsible officer (首问负责), once one is recorded. */
  readonly responsibleOfficer: { readonly name: string } | null;
  readonly channel: IntakeChannel;
  readonly centre: Bilingual;
  /** The public status page the QR code encodes. */
  readonly statusUrl: string;
}

/** What a receipt is built from. */
export interface ReceiptInput {
  readonly application: Pick<
    Application,
    'id' | 'applicantName' | 'applicantIdNumber' | 'materials' | 'submittedAt'
  >;
  readonly parts: readonly Pick<Part, 'seq' | 'itemCode' | 'department' | 'promisedDays' | 'deadline'>[];
  readonly bundleName: Bilingual;
  /** An item's name (the catalogue's). */
  readonly itemName: (code: string) => Bilingual;
  /** A department's name, by the key the store keeps (`tax`). */
  readonly departmentName: (key: string) => Bilingual;
  /** A material's name in the application's one form; undefined for one the form no longer lists. */
  readonly materialName: (id: string) => Bilingual | undefined;
  readonly calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>;
  readonly statusUrl: string;
  readonly centre: Bilingual;
  /**
   * The application's responsible officer (首问负责), when the applications record one (helper `desk`'s
   * `Application.responsibleOfficer`); null or absent: none yet.
   */
  readonly responsibleOfficer?: { readonly name: string } | null;
  /** How it was handed in (helper `desk`'s `Application.intake.channel`); absent: online. */
  readonly channel?: IntakeChannel;
}

/**
 * The receipt of an application: each part's deadline as its department set it on acceptance, or, before
 * that, the promised limit counted in working days from the submission date on the hall's calendar
 * (marked expected: the department's clock starts when it accepts).
 */
export function receiptData(input: ReceiptInput): ReceiptData {
  const { application: a } = input;
  const date = beijingDate(a.submittedAt);
  const items = [...input.parts]
    .sort((x, y) => x.seq - y.seq)
    .map(
      (p): ReceiptItem => ({
        code: p.itemCode,
        name: input.itemName(p.itemCode),
        department: input.departmentName(p.department),
        promisedDays: p.promisedDays,
        deadline: p.deadline ?? input.calendar.addWorkingDays(date, p.promisedDays),
        expected: p.deadline === null,
      }),
    );
  return {
    number: a.id,
    bundleName: input.bundleName,
    date,
    applicant: { name: a.applicantName, maskedIdNumber: maskIdNumber(a.applicantIdNumber) },
    items,
    materials: a.materials.map((m) => ({
      id: m.id,
      name: input.materialName(m.id) ?? { zh: m.id, en: m.id },
    })),
    responsibleOfficer: input.responsibleOfficer ?? null,
    channel: input.channel ?? 'ONLINE',
    centre: input.centre,
    statusUrl: input.statusUrl,
  };
}
