/** The buyer, seller and unit of the house transfer the hall's tests fill in. */
export const BUYER = '11010519491231002X';
export const SELLER = '440524188001010014';
export const UNIT = '330502001002GB00012F00030012';

/**
 * A house transfer form filled in right by the buyer (the seller's confirmation a placeholder id until a
 * test confirms a sale), by semantic key.
 */
export const houseTransferForm = (): Record<string, string> => ({
  'applicant.idNumber': BUYER,
  'applicant.name': '张三',
  'applicant.phone': '13800138000',
  'seller.idNumber': SELLER,
  'seller.name': '李四',
  'seller.confirmation': '00000000-0000-4000-8000-000000000000',
  'buyer.isFirstHome': 'true',
  'buyer.maritalStatus': 'married',
  'property.unitCode': UNIT,
  'property.address': '浙江省湖州市吴兴区人民路1号3幢12室',
  'property.area': '89.50',
  'property.use': 'residential',
  'property.certificateNumber': '浙(2019)吴兴区不动产权第0001234号',
  'transaction.price': '1500000.00',
  'transaction.contractNumber': 'WQ-2026-000123',
  'transaction.contractDate': '2026-11-01',
  'fund.personalAccount': '330500000001',
  'fund.withdrawalAmount': '60000.00',
  'fund.receivingBankAccount': '6222020200012345678',
});
