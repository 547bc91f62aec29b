/**
 * The shared data elements (政务服务数据元) the departments' item lists refer to. Items name a field by
 * its semantic key and may tighten its rules; the label, type and base rules come from here, so the
 * same key means the same thing in every department and the hall can merge them into one form.
 */

export type FieldType =
  | 'text'
  | 'idNumber'
  | 'uscc'
  | 'unitCode'
  | 'money'
  | 'date'
  | 'phone'
  | 'integer'
  | 'decimal'
  | 'enum'
  | 'boolean'
  | 'bankAccount'
  | 'fundAccount';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface FieldElement {
  readonly label: Bilingual;
  readonly type: FieldType;
  readonly hint?: Bilingual;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** For money: fen; for integer and decimal: the value. */
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly { readonly value: string; readonly label: Bilingual }[];
}

const t = (zh: string, en: string): Bilingual => ({ zh, en });
const text = (zh: string, en: string, maxLength = 100): FieldElement => ({
  label: t(zh, en),
  type: 'text',
  minLength: 1,
  maxLength,
});

export const FIELD_ELEMENTS = {
  'applicant.idNumber': { label: t('申请人身份证号码', 'Applicant ID number'), type: 'idNumber' },
  'applicant.name': text('申请人姓名', 'Applicant name', 50),
  'applicant.phone': {
    label: t('联系电话', 'Contact phone'),
    type: 'phone',
    pattern: '^1[3-9]\\d{9}$',
    hint: t('11 位手机号码，以 1 开头', '11 digits starting with 1'),
  },
  'applicant.address': text('联系地址', 'Contact address', 200),
  'seller.idNumber': { label: t('出卖人身份证号码', 'Seller ID number'), type: 'idNumber' },
  'seller.name': text('出卖人姓名', 'Seller name', 50),
  // A sale is registered on the joint application of both parties (《不动产登记暂行条例》第十四条): the
  // seller confirms it online, and the buyer's application carries that confirmation.
  'seller.confirmation': {
    label: t('出卖人确认编号', 'Seller’s confirmation'),
    type: 'text',
    hint: t(
      '出卖人在网上确认向您出售后，从“出卖人已确认的房屋”中选择',
      'pick it from the sales sellers confirmed to you; the seller confirms online first',
    ),
    minLength: 36,
    maxLength: 36,
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  },
  'buyer.isFirstHome': { label: t('是否家庭首套住房', 'First home of the family'), type: 'boolean' },
  // The deed tax rates of 财政部 税务总局 住房城乡建设部公告2024年第16号 tell the family's only home from its
  // second home (第一条第（一）项、第（二）项); any other home pays the province's general rate.
  'buyer.isSecondHome': {
    label: t('是否家庭第二套住房', 'Second home of the family'),
    type: 'boolean',
    hint: t(
      '非首套时填写：购房前家庭（购房人、配偶及未成年子女）已拥有一套住房的，填“是”',
      'when it is not the first home: yes if the family (buyer, spouse, minor children) owns exactly one home before this purchase',
    ),
  },
  'applicant.isLegalRepresentative': {
    label: t('是否为企业法定代表人', 'Legal representative of an enterprise'),
    type: 'boolean',
  },
  'buyer.maritalStatus': {
    label: t('婚姻状况', 'Marital status'),
    type: 'enum',
    options: [
      { value: 'single', label: t('未婚', 'Single') },
      { value: 'married', label: t('已婚', 'Married') },
      { value: 'divorced', label: t('离异', 'Divorced') },
      { value: 'widowed', label: t('丧偶', 'Widowed') },
    ],
  },
  'property.unitCode': {
    label: t('不动产单元号', 'Real-estate unit code'),
    type: 'unitCode',
    hint: t('28位，见不动产权证书', '28 characters, printed on the ownership certificate'),
  },
  'property.certificateNumber': text('不动产权证书号', 'Ownership certificate number', 60),
  // 发改价格规〔2016〕2559号 第二条: one certificate is included in the registration fee, each further
  // certificate (for each further right holder) costs 10 yuan.
  'property.certificateCount': {
    label: t('申领不动产权证书本数', 'Ownership certificates to issue'),
    type: 'integer',
    min: 1,
    max: 20,
    hint: t(
      '共有人各持一本时填写共有人数；第一本不收工本费，每增加一本 10 元',
      'one per co-owner who wants their own; the first is free, each further one costs 10 yuan',
    ),
  },
  'property.address': text('房屋坐落', 'Property address', 200),
  'property.area': {
    label: t('建筑面积（平方米）', 'Floor area (m²)'),
    type: 'decimal',
    min: 1,
    max: 100_000,
  },
  'property.use': {
    label: t('房屋用途', 'Use of the property'),
    type: 'enum',
    options: [
      { value: 'residential', label: t('住宅', 'Residential') },
      { value: 'commercial', label: t('商业', 'Commercial') },
    ],
  },
  'transaction.price': { label: t('成交价格（元）', 'Transaction price (yuan)'), type: 'money', min: 100 },
  'transaction.contractNumber': {
    label: t('网签合同编号', 'Registered contract number'),
    type: 'text',
    pattern: '^[A-Z0-9-]{6,30}$',
    hint: t(
      '存量房网签备案编号，6 至 30 位大写字母、数字或“-”',
      'the number the housing authority gave the contract filed online: 6 to 30 capital letters, digits or “-”',
    ),
  },
  'transaction.contractDate': { label: t('合同签订日期', 'Contract date'), type: 'date' },
  'fund.personalAccount': {
    label: t('公积金个人账号', 'Provident fund personal account'),
    type: 'fundAccount',
    pattern: '^\\d{12}$',
    hint: t('12 位数字，见公积金缴存明细', '12 digits, shown on the fund statement'),
  },
  'fund.withdrawalAmount': {
    label: t('提取金额（元）', 'Amount to withdraw (yuan)'),
    type: 'money',
    min: 100,
  },
  'fund.receivingBankAccount': {
    label: t('收款银行卡号', 'Bank card to receive the money'),
    type: 'bankAccount',
    pattern: '^\\d{16,19}$',
    hint: t('银行卡号，16 至 19 位数字', 'the card number, 16 to 19 digits'),
  },
  'fund.loanAmount': {
    label: t('公积金贷款金额（元）', 'Provident fund loan amount (yuan)'),
    type: 'money',
    min: 100_00,
  },
  'fund.loanTermMonths': {
    label: t('贷款期限（月）', 'Loan term (months)'),
    type: 'integer',
    min: 12,
    max: 360,
  },
  'fund.employerAccount': {
    label: t('公积金单位账号', 'Provident fund employer account'),
    type: 'fundAccount',
    pattern: '^\\d{12}$',
    hint: t('12 位数字，见单位缴存登记回执', '12 digits, shown on the employer’s fund registration receipt'),
  },
  'fund.depositRatePercent': {
    label: t('缴存比例（%）', 'Deposit rate (%)'),
    type: 'integer',
    min: 5,
    max: 12,
  },
  'fund.employeeCount': {
    label: t('缴存职工人数', 'Employees enrolled'),
    type: 'integer',
    min: 1,
    max: 100_000,
  },
  'fund.contactName': text('单位经办人', 'Employer contact person', 50),
  'mortgage.mortgagee': text('抵押权人', 'Mortgagee', 100),
  'mortgage.amount': {
    label: t('被担保主债权数额（元）', 'Secured debt (yuan)'),
    type: 'money',
    min: 100_00,
  },
  'mortgage.termMonths': {
    label: t('债务履行期限（月）', 'Term of the debt (months)'),
    type: 'integer',
    min: 1,
    max: 360,
  },
  'enterprise.uscc': { label: t('统一社会信用代码', 'Unified social credit code'), type: 'uscc' },
  'enterprise.name': text('企业名称', 'Enterprise name', 100),
  'enterprise.kind': {
    label: t('主体类型', 'Kind of entity'),
    type: 'enum',
    options: [
      { value: 'company', label: t('有限责任公司', 'Limited liability company') },
      { value: 'individual', label: t('个体工商户', 'Sole trader') },
    ],
  },
  'enterprise.registeredCapital': {
    label: t('注册资本（元）', 'Registered capital (yuan)'),
    type: 'money',
    min: 100,
  },
  'enterprise.address': text('住所', 'Registered address', 200),
  'enterprise.businessScope': text('经营范围', 'Business scope', 500),
  'enterprise.legalRepIdNumber': {
    label: t('法定代表人身份证号码', 'Legal representative ID number'),
    type: 'idNumber',
  },
  'enterprise.legalRepName': text('法定代表人姓名', 'Legal representative name', 50),
  'enterprise.employeeCount': {
    label: t('从业人数', 'Number of employees'),
    type: 'integer',
    min: 0,
    max: 1_000_000,
  },
  'enterprise.bankAccount': {
    label: t('基本存款账户', 'Basic deposit bank account'),
    type: 'bankAccount',
    pattern: '^\\d{12,22}$',
    hint: t(
      '开户许可证或银行回单上的账号，12 至 22 位数字',
      'the account number on the bank’s receipt, 12 to 22 digits',
    ),
  },
  'enterprise.changeDescription': text('变更事项说明', 'What changes', 500),
  'enterprise.newName': text('变更后名称', 'New name', 100),
  'enterprise.newAddress': text('变更后住所', 'New registered address', 200),
  'enterprise.deregistrationReason': {
    label: t('注销原因', 'Reason for deregistration'),
    type: 'enum',
    options: [
      { value: 'dissolution', label: t('决议解散', 'Dissolved by resolution') },
      { value: 'term-expired', label: t('营业期限届满', 'Term of business expired') },
      { value: 'merger', label: t('因合并分立解散', 'Merger or division') },
    ],
  },
  'enterprise.liquidationCompletedOn': { label: t('清算完成日期', 'Liquidation completed on'), type: 'date' },
  'tax.taxpayerType': {
    label: t('纳税人类型', 'Taxpayer type'),
    type: 'enum',
    options: [
      { value: 'small-scale', label: t('小规模纳税人', 'Small-scale taxpayer') },
      { value: 'general', label: t('一般纳税人', 'General taxpayer') },
    ],
  },
  'tax.accountingStandard': {
    label: t('适用会计制度', 'Accounting standard'),
    type: 'enum',
    options: [
      { value: 'small-enterprise', label: t('小企业会计准则', 'Accounting Standards for Small Enterprises') },
      { value: 'enterprise', label: t('企业会计准则', 'Accounting Standards for Business Enterprises') },
    ],
  },
  'tax.financialContactName': text('财务负责人', 'Head of finance', 50),
  'tax.financialContactPhone': {
    label: t('财务负责人电话', 'Phone of the head of finance'),
    type: 'phone',
    pattern: '^1[3-9]\\d{9}$',
    hint: t('11 位手机号码，以 1 开头', '11 digits starting with 1'),
  },
  'tax.invoiceType': {
    label: t('发票种类', 'Kind of invoice'),
    type: 'enum',
    options: [
      { value: 'digital', label: t('数电发票', 'Fully digital e-invoice') },
      { value: 'vat-general', label: t('增值税普通发票', 'VAT general invoice') },
      { value: 'vat-special', label: t('增值税专用发票', 'VAT special invoice') },
    ],
  },
  'tax.invoiceMonthlyQuantity': {
    label: t('每月最高领用数量（份）', 'Invoices per month at most'),
    type: 'integer',
    min: 1,
    max: 1000,
  },
  'tax.clearanceReason': text('清税原因', 'Reason for tax clearance', 200),
} as const satisfies Record<string, FieldElement>;

export type FieldKey = keyof typeof FIELD_ELEMENTS;

export interface MaterialElement {
  readonly name: Bilingual;
  /** Departments that already hold it (a bundle they take part in need not ask for it). */
  readonly heldBy?: readonly string[];
  /** Accepted file types when uploaded. */
  readonly formats?: readonly ('pdf' | 'jpeg' | 'png')[];
}

const scan = ['pdf', 'jpeg', 'png'] as const;

export const MATERIAL_ELEMENTS = {
  'id-card': { name: t('居民身份证', 'Resident identity card'), formats: scan },
  'household-register': { name: t('居民户口簿', 'Household register'), formats: scan },
  'marriage-certificate': { name: t('婚姻关系证明', 'Proof of marital status'), formats: scan },
  'property-certificate': {
    name: t('不动产权证书', 'Real-estate ownership certificate'),
    heldBy: ['realestate'],
    formats: scan,
  },
  'sale-contract': {
    name: t('存量房买卖合同（网签）', 'Second-hand house sale contract (filed online)'),
    formats: ['pdf'],
  },
  'deed-tax-receipt': {
    name: t('契税完税凭证', 'Deed tax payment receipt'),
    heldBy: ['tax'],
    formats: ['pdf'],
  },
  'fee-payment-voucher': {
    name: t('缴费凭证（统一公共支付平台）', 'Proof of the fees paid (unified public payment platform)'),
    formats: ['pdf'],
  },
  'withdrawal-approval': {
    name: t('公积金提取核准书', 'Provident fund withdrawal approval'),
    heldBy: ['fund'],
    formats: ['pdf'],
  },
  'loan-contract': {
    name: t('公积金借款合同', 'Provident fund loan contract'),
    heldBy: ['fund'],
    formats: ['pdf'],
  },
  'mortgage-contract': { name: t('抵押合同', 'Mortgage contract'), formats: ['pdf'] },
  'income-proof': { name: t('收入证明', 'Proof of income'), formats: scan },
  'bank-card': { name: t('本人银行卡', 'Own bank card'), formats: scan },
  'business-licence': { name: t('营业执照', 'Business licence'), heldBy: ['market'], formats: ['pdf'] },
  'articles-of-association': { name: t('公司章程', 'Articles of association'), formats: ['pdf'] },
  'premises-proof': { name: t('住所使用证明', 'Proof of use of the premises'), formats: scan },
  'legal-rep-appointment': {
    name: t('法定代表人任职文件', 'Appointment of the legal representative'),
    formats: ['pdf'],
  },
  'shareholder-resolution': { name: t('股东会决议', 'Shareholders’ resolution'), formats: ['pdf'] },
  'change-notice': {
    name: t('变更登记通知书', 'Notice of change registration'),
    heldBy: ['market'],
    formats: ['pdf'],
  },
  'tax-registration-notice': {
    name: t('税务事项通知书', 'Tax registration notice'),
    heldBy: ['tax'],
    formats: ['pdf'],
  },
  'tax-clearance-certificate': {
    name: t('清税证明', 'Tax clearance certificate'),
    heldBy: ['tax'],
    formats: ['pdf'],
  },
  'fund-closure-certificate': {
    name: t('公积金单位注销证明', 'Provident fund employer closure certificate'),
    heldBy: ['fund'],
    formats: ['pdf'],
  },
  'liquidation-report': { name: t('清算报告', 'Liquidation report'), formats: ['pdf'] },
  'deregistration-notice': {
    name: t('准予注销登记通知书', 'Notice of approved deregistration'),
    heldBy: ['market'],
    formats: ['pdf'],
  },
  'employee-list': { name: t('缴存职工名册', 'List of enrolled employees'), formats: ['pdf'] },
  'registration-certificate': {
    name: t('不动产登记证明', 'Real-estate registration certificate'),
    heldBy: ['realestate'],
    formats: ['pdf'],
  },
} as const satisfies Record<string, MaterialElement>;

export type MaterialId = keyof typeof MATERIAL_ELEMENTS;
