import { type Rng, rngFor } from '@onething/legacy-kit';
import { completeOrganisationCode, usccCheckCharacter } from '@onething/schema';
import { beijingCompactDate } from './time';

/**
 * What the registry issues on approval: new unified social credit codes (GB 32100, authority 9, type 1
 * for companies and 2 for sole traders, the applicant's division, a GB 11714 organisation code inside)
 * and numbered documents. Seeded, so the same run of applications issues the same numbers.
 */
export class Issuance {
  private readonly rng: Rng;
  private readonly documentSeq = new Map<string, number>();

  constructor(
    seed: number,
    /** Whether a USCC is already in use (registered, or issued to a pending application). */
    private readonly inUse: (uscc: string) => boolean,
  ) {
    this.rng = rngFor(seed, 'market-issuance');
  }

  /** A USCC not in use, for a company or sole trader registered in `divisionCode`. */
  uscc(kind: 'company' | 'individual', divisionCode: string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const first17 = `9${kind === 'company' ? '1' : '2'}${divisionCode}${completeOrganisationCode(this.rng.digits(8))}`;
      const uscc = first17 + usccCheckCharacter(first17);
      if (!this.inUse(uscc)) return uscc;
    }
    throw new Error(`cannot allocate a unique USCC in division ${divisionCode}`);
  }

  /**
   * The number of a document issued at `at`: a prefix naming the document, the Beijing date and a
   * sequence per document kind, e.g. `YYZZ20260630000012` for a business licence.
   */
  documentNumber(prefix: string, at: number): string {
    const seq = (this.documentSeq.get(prefix) ?? 0) + 1;
    this.documentSeq.set(prefix, seq);
    return `${prefix}${beijingCompactDate(at)}${String(seq).padStart(6, '0')}`;
  }
}
