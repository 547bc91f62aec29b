import type { Persona } from './types';

/**
 * The staff personas: one at the comprehensive window and one reviewer per department. They are not in
 * the seeded population (the departments' systems hold applicants, not their own staff), so they are fixed.
 */
export const STAFF_PERSONAS: readonly Persona[] = [
  {
    id: 'window-staff',
    role: 'window-staff',
    title: { zh: '综合窗口工作人员', en: 'Comprehensive window staff' },
    description: {
      zh: '一窗受理：代申请人受理和提交一件事申请，查看全部申请的进度、补正和转人工处理的部分。',
      en: 'One-window acceptance: takes in and submits bundle applications for applicants, and sees every application with its parts, corrections and dead-lettered dispatches.',
    },
    name: '王晓燕',
    subject: 'staff-window-01',
    enterprises: [],
    departments: [],
    centre: '湖州市民之家',
  },
  {
    id: 'window-staff-2',
    role: 'window-staff',
    title: { zh: '综合窗口工作人员（同一中心）', en: 'Comprehensive window staff (same centre)' },
    description: {
      zh: '与王晓燕同在湖州市民之家的综合窗口：可接手同事移交的申请（首问负责），只看本中心的申请。',
      en: 'At the same centre’s comprehensive window as 王晓燕: takes over applications a colleague hands over (first-contact responsibility); sees only their centre’s applications.',
    },
    name: '周明',
    subject: 'staff-window-02',
    enterprises: [],
    departments: [],
    centre: '湖州市民之家',
  },
  {
    id: 'window-staff-other',
    role: 'window-staff',
    title: { zh: '另一服务中心的综合窗口工作人员', en: 'Window staff of another service centre' },
    description: {
      zh: '南浔区行政服务中心的综合窗口：看不到、也不能接手湖州市民之家负责的申请。',
      en: 'At the comprehensive window of the Nanxun district service centre: can neither see nor take over applications another centre is responsible for.',
    },
    name: '沈佳怡',
    subject: 'staff-window-03',
    enterprises: [],
    departments: [],
    centre: '南浔区行政服务中心',
  },
  {
    id: 'staff-tax',
    role: 'department-staff',
    title: { zh: '税务部门审核人员', en: 'Tax department reviewer' },
    description: {
      zh: '审核契税申报、新办纳税人、发票申领和清税证明等税务事项；只能查看本部门的办件。',
      en: 'Reviews the tax items (deed tax, new taxpayer registration, invoices, tax clearance); sees only the tax cases.',
    },
    name: '李建华',
    subject: 'staff-tax-01',
    enterprises: [],
    departments: ['tax'],
  },
  {
    id: 'staff-market',
    role: 'department-staff',
    title: { zh: '市场监管部门审核人员', en: 'Market regulation reviewer' },
    description: {
      zh: '审核企业设立、变更和注销登记；只能查看本部门的办件。',
      en: 'Reviews establishment, change and deregistration registrations; sees only the market regulation cases.',
    },
    name: '陈思远',
    subject: 'staff-market-01',
    enterprises: [],
    departments: ['market'],
  },
  {
    id: 'staff-realestate',
    role: 'department-staff',
    title: { zh: '不动产登记机构审核人员', en: 'Real-estate registry reviewer' },
    description: {
      zh: '审核转移登记、抵押权登记和登记资料查询；只能查看本部门的办件。',
      en: 'Reviews transfer and mortgage registrations and record queries; sees only the registry cases.',
    },
    name: '刘婷',
    subject: 'staff-realestate-01',
    enterprises: [],
    departments: ['realestate'],
  },
  {
    id: 'staff-fund',
    role: 'department-staff',
    title: { zh: '住房公积金管理中心审核人员', en: 'Housing provident fund reviewer' },
    description: {
      zh: '审核单位缴存登记、购房提取、公积金贷款、单位信息变更和单位注销；只能查看本部门的办件。',
      en: 'Reviews employer registration, purchase withdrawals, fund loans, employer changes and closures; sees only the fund cases.',
    },
    name: '赵志强',
    subject: 'staff-fund-01',
    enterprises: [],
    departments: ['fund'],
  },
  {
    id: 'supervisor',
    role: 'supervisor',
    title: { zh: '政务服务中心督查人员', en: 'Service centre supervisor' },
    description: {
      zh: '电子监察：查看本中心全部申请和办件的时限预警，接收超期（红灯）提醒，向部门发出催办并查看部门答复，维护工作日历。',
      en: 'E-supervision: sees every application and part of the centre with its time-limit flags, is notified of overdue (red) parts, sends urges (催办) to departments and reads their answers, and maintains the working-day calendar.',
    },
    name: '吴国平',
    subject: 'staff-supervisor-01',
    enterprises: [],
    departments: [],
    centre: '湖州市民之家',
  },
];
