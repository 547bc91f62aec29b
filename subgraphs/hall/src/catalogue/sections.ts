/** Sections of a one form, by the first part of a field's semantic key, in the order a hall form reads. */
export const SECTIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  seller: { zh: '出卖人', en: 'Seller' },
  buyer: { zh: '买受人', en: 'Buyer' },
  property: { zh: '不动产', en: 'Property' },
  transaction: { zh: '交易', en: 'Transaction' },
  tax: { zh: '税务', en: 'Tax' },
  fund: { zh: '住房公积金', en: 'Housing provident fund' },
  mortgage: { zh: '抵押', en: 'Mortgage' },
};

/** The section of a semantic key. */
export function sectionOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

/** A readable title for a section not in the list above (a bundle added as data may bring new keys). */
export function sectionTitle(section: string): { zh: string; en: string } {
  return SECTIONS[section] ?? { zh: section, en: section.charAt(0).toUpperCase() + section.slice(1) };
}
