/**
 * The registry's fees (不动产登记费) per case, as the price and finance authorities set them. A pure module:
 * every line carries the rule that produced it.
 */

/** The national fee notice, with the provisions quoted on the lines it produces. */
const NOTICE_2559 =
  '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）';
/** Who pays, and exemptions. */
const NOTICE_79 = '《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》（财税〔2016〕79号）';

/** Registration fee per case, fen: residential 80 yuan, non-residential 550 yuan (one certificate included). */
export const REGISTRATION_FEE_FEN = { residential: 80_00, commercial: 550_00 } as const;
/** Production fee of each ownership certificate beyond the first, fen. */
export const EXTRA_CERTIFICATE_FEN = 10_00;
/** Certificates one registration issues at most (one per right holder). */
export const MAX_CERTIFICATES = 20;

export interface RegistryFeeLine {
  readonly itemCode: string;
  readonly feeCode: 'REGISTRATION' | 'CERTIFICATE' | 'NONE';
  readonly name: { readonly zh: string; readonly en: string };
  readonly quantity: number;
  readonly unitFen: number;
  readonly amountFen: number;
  readonly rule: { readonly zh: string; readonly en: string; readonly citation: string };
}

/** What a registry item's fee depends on. */
export interface RegistryFeeCase {
  readonly itemCode: string;
  /** The unit's use as the register (登记簿) records it; needed for a transfer. */
  readonly use?: 'residential' | 'commercial';
  /** Ownership certificates to issue (one per right holder who asks); 1 when not given. */
  readonly certificates?: number;
}

const line = (
  c: RegistryFeeCase,
  feeCode: RegistryFeeLine['feeCode'],
  name: RegistryFeeLine['name'],
  quantity: number,
  unitFen: number,
  rule: RegistryFeeLine['rule'],
): RegistryFeeLine => ({
  itemCode: c.itemCode,
  feeCode,
  name,
  quantity,
  unitFen,
  amountFen: quantity * unitFen,
  rule,
});

/**
 * The lines one item costs the applicant. A transfer: the registration fee of the unit's use (one
 * certificate included) and 10 yuan for each further certificate. A mortgage: nothing to the mortgagor,
 * whose mortgagee pays. A record query: nothing.
 */
export function registryFees(c: RegistryFeeCase): RegistryFeeLine[] {
  switch (c.itemCode) {
    case 'RE-TRANSFER': {
      if (!c.use) throw new RangeError('a transfer is assessed on the unit’s use');
      const certificates = c.certificates ?? 1;
      if (!Number.isInteger(certificates) || certificates < 1 || certificates > MAX_CERTIFICATES)
        throw new RangeError(`certificates must be 1 to ${MAX_CERTIFICATES}`);
      const residential = c.use === 'residential';
      const lines = [
        line(
          c,
          'REGISTRATION',
          { zh: '不动产登记费（转移登记）', en: 'Real-estate registration fee (transfer)' },
          1,
          REGISTRATION_FEE_FEN[c.use],
          residential
            ? {
                zh: '住宅类不动产登记收费标准为每件80元（含第一本证书工本费），由登记为权利人的一方缴纳',
                en: 'a residential registration costs 80 yuan per case, the first certificate included; paid by the party registered as right holder',
                citation: `${NOTICE_2559}：住宅类不动产登记收费标准为每件80元；${NOTICE_79}：由登记为不动产权利人的一方缴纳`,
              }
            : {
                zh: '非住宅类不动产登记收费标准为每件550元（含第一本证书工本费），由登记为权利人的一方缴纳',
                en: 'a non-residential registration costs 550 yuan per case, the first certificate included; paid by the party registered as right holder',
                citation: `${NOTICE_2559}：非住宅类不动产登记收费标准为每件550元；${NOTICE_79}：由登记为不动产权利人的一方缴纳`,
              },
        ),
      ];
      if (certificates > 1)
        lines.push(
          line(
            c,
            'CERTIFICATE',
            { zh: '不动产权属证书工本费', en: 'Ownership certificate production fee' },
            certificates - 1,
            EXTRA_CERTIFICATE_FEN,
            {
              zh: `核发一本证书不收取工本费，每增加一本加收10元（共${certificates}本，加收${certificates - 1}本）`,
              en: `the first certificate is free, each further one costs 10 yuan (${certificates} issued, ${certificates - 1} charged)`,
              citation: `${NOTICE_2559}：核发一本不动产权属证书的不收取证书工本费，向一个以上不动产权利人核发权属证书的，每增加一本证书加收证书工本费10元`,
            },
          ),
        );
      return lines;
    }
    case 'RE-MORTGAGE':
      return [
        line(c, 'NONE', { zh: '不动产登记费（抵押权登记）', en: 'Registration fee (mortgage)' }, 1, 0, {
          zh: '抵押权登记费由登记为抵押权人的一方缴纳，抵押人（申请人）不缴纳；登记证明不收工本费',
          en: 'the mortgagee pays the mortgage registration fee, not the mortgagor (the applicant); the registration certificate is free',
          citation: `${NOTICE_79}：不动产抵押权登记费由登记为抵押权人的一方缴纳；${NOTICE_2559}：不动产登记机构依法核发不动产登记证明，不得收取登记证明工本费`,
        }),
      ];
    default:
      return [
        line(c, 'NONE', { zh: '不收费', en: 'No fee' }, 1, 0, {
          zh: '本事项不收取任何费用',
          en: 'this item charges nothing',
          citation: `${c.itemCode} 实施清单：收费标准为不收费（不属于${NOTICE_2559}所列登记收费事项）`,
        }),
      ];
  }
}
