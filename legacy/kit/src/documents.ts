import type { KeyObject } from 'node:crypto';
import {
  developmentDocumentKey,
  documentKeyId,
  sha256Hex,
  signDocumentText,
} from '@onething/runtime/documents';
import type { CaseRecord, CaseStore, CaseView } from './cases';
import { renderDocumentPdf } from './document-pdf';
import type { PublishedItem } from './items';
import { PLACES } from './places';
import { type Bilingual, MATERIAL_ELEMENTS, type MaterialId } from './vocabulary';

/**
 * The documents a department issues on approving a case (电子证照): one per material of the item's result,
 * numbered by the decision (`decision.result[materialId]`), a PDF plus the metadata the department signs.
 * Each stand-in puts them on its own wire and defines its own signed text from its wire fields (see its
 * PROTOCOL.md); the kit renders, caches, and signs whatever text it is given.
 */
export interface IssuedDocumentRecord {
  readonly number: string;
  readonly materialId: string;
  readonly name: Bilingual;
  /** The item's result kind: licence, certificate, notice, receipt or approval. */
  readonly kind: string;
  readonly holderIdNumber: string;
  readonly holderName: string;
  /** What it is about: a unit code, a USCC, or null. */
  readonly subject: string | null;
  /** The decision's instant (ms). */
  readonly issuedAt: number;
  readonly issuer: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly contentType: 'application/pdf';
  readonly sha256: string;
  readonly content: Buffer;
}

/** The issuing authority of each department at a county-level division (its city's bureau where it has one). */
const AUTHORITIES: Record<string, (p: { city: string; county: string }) => string> = {
  tax: (p) => `国家税务总局${p.city}${p.county}税务局`,
  market: (p) => `${p.city}${p.county}市场监督管理局`,
  realestate: (p) => `${p.city}自然资源和规划局`,
  fund: (p) => `${p.city}住房公积金管理中心`,
};

/** Where a case is: its unit's division, else its enterprise's (USCC digits 3–8), else the applicant's. */
function divisionOf(record: CaseRecord, result: Readonly<Record<string, string>>): string {
  const f = record.fields;
  const unit = typeof f['property.unitCode'] === 'string' ? f['property.unitCode'] : undefined;
  if (unit) return unit.slice(0, 6);
  const uscc =
    result['enterprise.uscc'] ?? (typeof f['enterprise.uscc'] === 'string' ? f['enterprise.uscc'] : '');
  if (uscc.length === 18) return uscc.slice(2, 8);
  return record.applicantId.slice(0, 6);
}

/** The department's authority for a case, named after the seeded place it is in (Huzhou's when unknown). */
export function issuingAuthority(department: string, divisionCode: string): string {
  const place = PLACES.find((p) => p.divisionCode === divisionCode) ?? PLACES[0]!;
  const name = AUTHORITIES[department];
  return name ? name(place) : `${place.city}${department}`;
}

/** A Beijing calendar date, yyyy-MM-dd. */
function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface DocumentOfficeOptions {
  readonly department: string;
  readonly cases: CaseStore;
  readonly items: readonly PublishedItem[];
  /** The department's signing key (its development key when not given). */
  readonly key?: KeyObject;
  /** What an approval produced, where the department completes the decision's own result. */
  readonly resultOf?: (record: CaseRecord, view: CaseView) => Readonly<Record<string, string>> | undefined;
}

/** Why a case has no documents to show: no such case, or not approved (yet). */
export type NoDocuments = 'no-case' | 'not-issued';

/** A signature as the stand-ins put it on the wire. */
export interface DocumentSignature {
  readonly algorithm: 'Ed25519';
  readonly keyId: string;
  readonly value: string;
}

/**
 * A department's issued documents. PDFs are drawn on first request and kept per document (drawing costs
 * CPU, and benchmarks approve thousands of cases that nobody fetches documents for).
 */
export class DocumentOffice {
  private readonly items: ReadonlyMap<string, PublishedItem>;
  private readonly key: KeyObject;
  private readonly keyId: string;
  private readonly forgedKey: KeyObject;
  private readonly rendered = new Map<string, Promise<IssuedDocumentRecord>>();
  private readonly caseOfNumber = new Map<string, string>();
  private forging = false;

  constructor(private readonly options: DocumentOfficeOptions) {
    this.items = new Map(options.items.map((i) => [i.code, i]));
    this.key = options.key ?? developmentDocumentKey(options.department);
    this.keyId = documentKeyId(this.key);
    this.forgedKey = developmentDocumentKey(`${options.department}:forged`);
  }

  /**
   * Whether signatures are made with a key that is not the department's (the admin port's fault, so a
   * contract can prove an adapter refuses them). The key id stays the department's, as a forger's would.
   */
  get forgeSignatures(): boolean {
    return this.forging;
  }

  set forgeSignatures(on: boolean) {
    this.forging = on;
  }

  /** How many documents have been drawn (each once, then kept). */
  get drawn(): number {
    return this.rendered.size;
  }

  /** Signs a department's signed text. */
  sign(signedText: string): DocumentSignature {
    return {
      algorithm: 'Ed25519',
      keyId: this.keyId,
      value: signDocumentText(this.forging ? this.forgedKey : this.key, signedText),
    };
  }

  /** The documents a case's approval issued ([] when its item issues none), or why there are none. */
  async ofCase(caseNumber: string): Promise<IssuedDocumentRecord[] | NoDocuments> {
    const record = this.options.cases.get(caseNumber);
    if (!record) return 'no-case';
    const issued = this.issuedBy(record);
    if (!issued) return 'not-issued';
    const { view, item, result, materials } = issued;
    return Promise.all(materials.map((m) => this.issue(record, view, item!, m, result)));
  }

  /** What an approved case issued: its view, item, result and the materials with a number; undefined before. */
  private issuedBy(record: CaseRecord) {
    const view = this.options.cases.view(record);
    if (view.status !== 'approved') return undefined;
    const item = this.items.get(record.itemCode);
    const result = this.options.resultOf?.(record, view) ?? view.decision?.result ?? {};
    const materials = (item?.result.materials ?? []).filter((m) => result[m]);
    return { view, item, result, materials };
  }

  /**
   * One document by its number: its case known once its documents were listed, else found by the numbers
   * the approved cases issued — without drawing any other case's document (a number nobody issued costs a
   * look through the cases' results, not a PDF per case).
   */
  async byNumber(number: string): Promise<IssuedDocumentRecord | undefined> {
    let caseNumber = this.caseOfNumber.get(number);
    if (!caseNumber)
      caseNumber = this.options.cases.list().find((record) => {
        const issued = this.issuedBy(record);
        return issued?.materials.some((m) => issued.result[m] === number) ?? false;
      })?.caseNumber;
    if (!caseNumber) return undefined;
    const docs = await this.ofCase(caseNumber);
    return Array.isArray(docs) ? docs.find((d) => d.number === number) : undefined;
  }

  private issue(
    record: CaseRecord,
    view: CaseView,
    item: PublishedItem,
    materialId: string,
    result: Readonly<Record<string, string>>,
  ): Promise<IssuedDocumentRecord> {
    const number = result[materialId]!;
    const cacheKey = `${record.caseNumber}|${materialId}|${number}|${view.statusAt}`;
    let doc = this.rendered.get(cacheKey);
    if (!doc) {
      const f = record.fields;
      const str = (k: string) => (typeof f[k] === 'string' && f[k] ? (f[k] as string) : undefined);
      const meta = {
        number,
        materialId,
        // The item's result name where it issues one document (不动产权证书), else the material's own.
        name:
          item.result.materials.length === 1
            ? item.result.name
            : (MATERIAL_ELEMENTS[materialId as MaterialId]?.name ?? item.result.name),
        kind: item.result.kind,
        holderIdNumber: record.applicantId,
        holderName: str('applicant.name') ?? record.applicantId,
        subject: str('property.unitCode') ?? result['enterprise.uscc'] ?? str('enterprise.uscc') ?? null,
        issuedAt: view.statusAt,
        issuer: issuingAuthority(this.options.department, divisionOf(record, result)),
        caseNumber: record.caseNumber,
        itemCode: record.itemCode,
        contentType: 'application/pdf' as const,
      };
      doc = renderDocumentPdf({
        title: meta.name.zh,
        titleEn: meta.name.en,
        number,
        holderName: meta.holderName,
        holderIdNumber: meta.holderIdNumber,
        subject: meta.subject,
        issuer: meta.issuer,
        issuedOn: beijingDate(meta.issuedAt),
        issuedAt: meta.issuedAt,
        caseNumber: record.caseNumber,
      }).then((content) => ({ ...meta, content, sha256: sha256Hex(content) }));
      doc.catch(() => this.rendered.delete(cacheKey));
      this.rendered.set(cacheKey, doc);
      this.caseOfNumber.set(number, record.caseNumber);
    }
    return doc;
  }
}
