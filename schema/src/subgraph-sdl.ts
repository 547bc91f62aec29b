import { readFileSync } from 'node:fs';

/**
 * The subgraphs' SDL as kept in schema/subgraphs: a department subgraph's schema is the shared part
 * (common.graphql), its items, cases and case operations (department.graphql.tmpl, named for it), and
 * its own fields (<department>.graphql).
 */

export type DepartmentSubgraph = 'tax' | 'market' | 'realestate' | 'fund';

/** How a department's generated types and operations are named. */
export const DEPARTMENT_NAMING: Record<
  DepartmentSubgraph,
  { Type: string; field: string; ENUM: string; title: string; example: string }
> = {
  tax: { Type: 'Tax', field: 'tax', ENUM: 'TAX', title: 'tax', example: 'TAX-DEED-TAX' },
  market: {
    Type: 'Market',
    field: 'market',
    ENUM: 'MARKET',
    title: 'market regulation',
    example: 'MKT-ESTABLISH',
  },
  realestate: {
    Type: 'RealEstate',
    field: 'realEstate',
    ENUM: 'REALESTATE',
    title: 'real-estate registration',
    example: 'RE-TRANSFER',
  },
  fund: { Type: 'Fund', field: 'fund', ENUM: 'FUND', title: 'provident fund', example: 'FUND-LOAN' },
};

const dir = new URL('../subgraphs/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

/** The full SDL of a department subgraph. */
export function departmentSubgraphSdl(department: DepartmentSubgraph): string {
  const naming = DEPARTMENT_NAMING[department];
  const generated = read('department.graphql.tmpl').replace(
    /\{\{(\w+)\}\}/g,
    (_, name: string) => naming[name as keyof typeof naming] ?? `{{${name}}}`,
  );
  return `${read('common.graphql')}\n${generated}\n${read(`${department}.graphql`)}`;
}

/** The hall subgraph's SDL. */
export function hallSubgraphSdl(): string {
  return read('hall.graphql');
}

/** The SDL of any subgraph of the one schema. */
export function subgraphSdl(name: SubgraphName): string {
  return name === 'hall' ? hallSubgraphSdl() : departmentSubgraphSdl(name);
}

export type SubgraphName = DepartmentSubgraph | 'hall';

/** The subgraphs of the one schema and where `npm start` runs them. */
export const SUBGRAPHS: readonly { readonly name: SubgraphName; readonly url: string }[] = [
  { name: 'hall', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'tax', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'market', url: 'http://127.0.0.1:4003/graphql' },
  { name: 'realestate', url: 'http://127.0.0.1:4004/graphql' },
  { name: 'fund', url: 'http://127.0.0.1:4005/graphql' },
];
