import { DEPARTMENT_ENUM_VALUES, departmentNamed } from '@onething/schema/departments';
import type { Department } from '../api/types';
import { useI18n } from '../app/i18n';

/** The departments' enum values, in the registry's order. */
export const DEPARTMENTS: readonly Department[] = DEPARTMENT_ENUM_VALUES;

/** A department's name in the current language, from its enum value or its key (unknown ones as they are). */
export function useDepartmentName(): (d: Department | string | null | undefined) => string {
  const { l } = useI18n();
  return (d) => (d ? l(departmentNamed(d)?.name ?? { zh: d, en: d }) : '');
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
