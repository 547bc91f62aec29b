import { departmentNamed } from '@onething/schema';
import type { Application, ApplicationStatus } from '../applications/model';
import type { Applications } from '../applications/store';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import { invalidInput } from '../invalid-input';
import { type Bilingual, type ReceiptData, receiptData } from './receipt-data';
import { receiptPdf } from './receipt-pdf';
import { isStatusToken, type StatusTokens } from './status-tokens';

/** The path of the public status page under the gateway (and the hall): `<base>/papers/status/<token>`. */
export const STATUS_PATH = '/papers/status/';
/** The path of an application's receipt under the gateway: `/papers/receipts/<id>.pdf`. */
export const receiptPath = (applicationId: string): string => `/papers/receipts/${applicationId}.pdf`;

/** An application's public status: its number and where it stands, nothing personal. */
export interface PublicStatus {
  readonly number: string;
  readonly status: ApplicationStatus;
  readonly bundleName: Bilingual;
}

export interface PapersDeps {
  readonly apps: Applications;
  readonly catalogue: BundleCatalogue;
  readonly calendar: WorkingDayCalendar;
  readonly tokens: StatusTokens;
  /** Where people reach the gateway (PUBLIC_BASE_URL, no trailing slash). */
  readonly publicBaseUrl: string;
  /** The centre the papers are headed and signed with (CENTRE_NAME_ZH, CENTRE_NAME_EN). */
  readonly centre: Bilingual;
}

/**
 * The papers of applications: the acceptance receipt (受理回执) and the public status behind its QR code.
 * Who may ask is the caller's business (applications' read rules): this hands out what it is asked for.
 */
export class Papers {
  constructor(private readonly deps: PapersDeps) {}

  get centre(): Bilingual {
    return this.deps.centre;
  }

  /** The public status page of an application, its token issued on this first ask. */
  async statusUrl(applicationId: string): Promise<string> {
    return `${this.deps.publicBaseUrl}${STATUS_PATH}${await this.deps.tokens.issue(applicationId)}`;
  }

  /** A bundle's name, or its code for a bundle no longer served. */
  bundleName(code: string): Bilingual {
    return this.deps.catalogue.bundle(code)?.name ?? { zh: code, en: code };
  }

  /**
   * The public status behind a token: null for a token no application has; INVALID_INPUT for a string
   * that cannot be a token at all (22 characters of base64url).
   */
  async publicStatus(token: string): Promise<PublicStatus | null> {
    if (!isStatusToken(token))
      throw invalidInput(
        'token is not a status token: 22 characters of A–Z, a–z, 0–9, - and _, as in the receipt’s QR code',
        'token',
        'token.format',
        '查询码格式不正确：应为回执二维码中的 22 位字母、数字、- 或 _',
      );
    return this.statusByToken(token);
  }

  /** The public status behind a token that has the token's form; undefined when no application has it. */
  async statusByToken(token: string): Promise<PublicStatus | null> {
    const id = await this.deps.tokens.applicationOf(token);
    const a = id ? await this.deps.apps.get(id) : undefined;
    if (!a) return null;
    return { number: a.id, status: a.status, bundleName: this.bundleName(a.bundleCode) };
  }

  /** What an application's receipt says. */
  async receiptData(a: Application): Promise<ReceiptData> {
    const { catalogue, calendar } = this.deps;
    const bundle = catalogue.bundle(a.bundleCode);
    // The materials as the application's own form names them (its options decide which are asked).
    const form = bundle ? catalogue.form(bundle, a.options) : undefined;
    return receiptData({
      application: a,
      parts: await this.deps.apps.parts(a.id),
      bundleName: this.bundleName(a.bundleCode),
      itemName: (code) => catalogue.items.get(code)?.name ?? { zh: code, en: code },
      departmentName: (key) => departmentNamed(key)?.name ?? { zh: key, en: key },
      materialName: (id) => form?.materials.find((m) => m.id === id)?.name,
      calendar,
      statusUrl: await this.statusUrl(a.id),
      centre: this.deps.centre,
      responsibleOfficer: a.responsibleOfficer,
      channel: a.intake.channel,
    });
  }

  /** An application's receipt, as PDF bytes. */
  async receipt(a: Application): Promise<Buffer> {
    return receiptPdf(await this.receiptData(a));
  }
}
