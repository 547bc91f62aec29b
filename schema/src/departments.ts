/**
 * The departments of the federation, declared once: every package (subgraphs, adapters, the hall, the
 * web app, scripts and tests) takes a department's key, its value of the GraphQL `Department` enum, its
 * type and field names in the one schema and its names from here. A test keeps this list and the SDL's
 * `Department` enum, subgraphs and adapters in agreement (departments.test.ts).
 */

/** Text in the two languages of the hall. */
interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** What is declared of a department; the rest of a {@link DepartmentSpec} is derived from it. */
interface Declaration {
  /**
   * How the system names it: its subgraph (`schema/subgraphs/<key>.graphql`, `subgraphs/<key>`), adapter
   * (`adapters/<key>`), stand-in (`legacy/<key>`), staff tokens' `departments` claim and the hall's store.
   */
  readonly key: string;
  /** Prefix of its GraphQL type names (`TaxItem`, `TaxCase`, `submitTaxCase`). */
  readonly typePrefix: string;
  /** Prefix of its GraphQL field names (`taxItems`, `taxCase`). */
  readonly fieldPrefix: string;
  /** Its name as a label (a badge, a heading, the enum value's description). */
  readonly name: Bilingual;
  /** Its name inside a sentence (a consent scope, why a value cannot be changed). */
  readonly inSentence: Bilingual;
  /** Its English name before a noun (`a provident fund case`, `the market regulation department`). */
  readonly title: string;
  /** The wire its system speaks, as the adapter meets it. */
  readonly protocol: string;
  /** One of its item codes, to show in the schema's descriptions. */
  readonly exampleItem: string;
  /** Where `npm start` runs its subgraph and its stand-in system (and the stand-in's admin port). */
  readonly ports: { readonly subgraph: number; readonly system: number; readonly systemAdmin: number };
}

/** A department with the names derived from its declaration. */
export type DepartmentSpec<D extends Declaration = Declaration> = D & {
  /**
   * Its value of the `Department` enum of the one schema: its key in upper case, so that the hall, which
   * keeps keys, answers enum values by changing case.
   */
  readonly enumValue: Uppercase<D['key']>;
  /** Its item type in the one schema, e.g. `TaxItem`. */
  readonly itemType: `${D['typePrefix']}Item`;
  /** Its case type in the one schema, e.g. `TaxCase`. */
  readonly caseType: `${D['typePrefix']}Case`;
};

function declare<const D extends Declaration>(d: D): DepartmentSpec<D> {
  return {
    ...d,
    enumValue: d.key.toUpperCase(),
    itemType: `${d.typePrefix}Item`,
    caseType: `${d.typePrefix}Case`,
  } as DepartmentSpec<D>;
}

/** The departments, in the order the one schema and `npm start` list them. */
export const DEPARTMENTS = [
  declare({
    key: 'tax',
    typePrefix: 'Tax',
    fieldPrefix: 'tax',
    name: { zh: '税务', en: 'Tax' },
    inSentence: { zh: '税务部门', en: 'the tax department' },
    title: 'tax',
    protocol: 'REST+JSON',
    exampleItem: 'TAX-DEED-TAX',
    ports: { subgraph: 4002, system: 4101, systemAdmin: 4111 },
  }),
  declare({
    key: 'market',
    typePrefix: 'Market',
    fieldPrefix: 'market',
    name: { zh: '市场监管', en: 'Market regulation' },
    inSentence: { zh: '市场监管部门', en: 'market regulation' },
    title: 'market regulation',
    protocol: 'REST, rate-limited',
    exampleItem: 'MKT-ESTABLISH',
    ports: { subgraph: 4003, system: 4102, systemAdmin: 4112 },
  }),
  declare({
    key: 'realestate',
    typePrefix: 'RealEstate',
    fieldPrefix: 'realEstate',
    name: { zh: '不动产登记', en: 'Real-estate registration' },
    inSentence: { zh: '不动产登记机构', en: 'the real-estate registry' },
    title: 'real-estate registration',
    protocol: 'SOAP 1.1',
    exampleItem: 'RE-TRANSFER',
    ports: { subgraph: 4004, system: 4103, systemAdmin: 4113 },
  }),
  declare({
    key: 'fund',
    typePrefix: 'Fund',
    fieldPrefix: 'fund',
    name: { zh: '住房公积金', en: 'Housing provident fund' },
    inSentence: { zh: '住房公积金中心', en: 'the housing provident fund' },
    title: 'provident fund',
    protocol: 'signed form POST',
    exampleItem: 'FUND-LOAN',
    ports: { subgraph: 4005, system: 4104, systemAdmin: 4114 },
  }),
] as const;

/** A department as the registry holds it. */
export type Department = (typeof DEPARTMENTS)[number];

/** A department's key: `tax`, `market`, `realestate` or `fund`. */
export type DepartmentKey = Department['key'];

/** A department's value of the GraphQL `Department` enum: `TAX`, `MARKET`, `REALESTATE` or `FUND`. */
export type DepartmentEnum = Department['enumValue'];

/** The departments' keys, in order (a tuple, as `z.enum` takes it). */
export const DEPARTMENT_KEYS = DEPARTMENTS.map((d) => d.key) as unknown as readonly [
  DepartmentKey,
  ...DepartmentKey[],
];

/** The departments' enum values, in order. */
export const DEPARTMENT_ENUM_VALUES = DEPARTMENTS.map((d) => d.enumValue) as unknown as readonly [
  DepartmentEnum,
  ...DepartmentEnum[],
];

/** A department by its key. */
export const DEPARTMENT: { readonly [K in DepartmentKey]: Extract<Department, { key: K }> } =
  Object.fromEntries(DEPARTMENTS.map((d) => [d.key, d])) as never;

/** Whether a text (a stored value, a claim, a setting) is a department's key. */
export const isDepartmentKey = (text: string): text is DepartmentKey => Object.hasOwn(DEPARTMENT, text);

/** The department of a key (`realestate`) or an enum value (`REALESTATE`), if any. */
export function departmentNamed(text: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.key === text || d.enumValue === text);
}

/** A department's value of `T` for every department, in the registry's order. */
export function perDepartment<T>(value: (d: Department) => T): Record<DepartmentKey, T> {
  return Object.fromEntries(DEPARTMENTS.map((d) => [d.key, value(d)])) as Record<DepartmentKey, T>;
}
