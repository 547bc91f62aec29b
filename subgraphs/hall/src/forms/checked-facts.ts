/**
 * Facts the hall's checks read from a department that are not fields of any form (a fund balance, whether a
 * unit is seized): named here so an audit record of such a read says what was read in words, as a form's
 * fields are named by their labels.
 */
export const CHECKED_FACTS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  'fund.balance': { zh: '公积金账户余额', en: 'Fund account balance' },
  'fund.status': { zh: '公积金账户状态', en: 'Fund account status' },
  'property.owners': { zh: '不动产权利人', en: 'Owners of the unit' },
  'property.seized': { zh: '不动产查封状态', en: 'Whether the unit is seized' },
  'enterprise.status': { zh: '企业登记状态', en: 'Registration status of the enterprise' },
  'enterprise.legalRepIdNumber': {
    zh: '企业法定代表人身份证号码',
    en: 'ID number of the enterprise’s legal representative',
  },
};
