import type { Department } from '../api/types';
import { useI18n } from '../app/i18n';

const NAMES: Record<Department, { zh: string; en: string }> = {
  TAX: { zh: '税务', en: 'Tax' },
  MARKET: { zh: '市场监管', en: 'Market regulation' },
  REALESTATE: { zh: '不动产登记', en: 'Real-estate registration' },
  FUND: { zh: '住房公积金', en: 'Housing provident fund' },
};

export const DEPARTMENTS = Object.keys(NAMES) as Department[];

export function useDepartmentName(): (d: Department | string | null | undefined) => string {
  const { l } = useI18n();
  return (d) => (d ? l(NAMES[d.toUpperCase() as Department] ?? { zh: d, en: d }) : '');
}

export function DepartmentName({
  department,
  className,
}: {
  department: Department | string;
  className?: string;
}) {
  const name = useDepartmentName();
  return <span className={className}>{name(department)}</span>;
}
