import { readFileSync } from 'node:fs';
import { DEPARTMENT, DEPARTMENTS, type Department, type DepartmentKey } from './departments';
import { PLATFORMS, type PlatformKey } from './platforms';

/**
 * The subgraphs' SDL as kept in schema/subgraphs: a department subgraph's schema is the shared part
 * (common.graphql), its items, cases and case operations (department.graphql.tmpl, named for it), and
 * its own fields (<department>.graphql).
 */

/** What the template's placeholders stand for, for a department. */
const placeholders = (d: Department): Record<string, string> => ({
  Type: d.typePrefix,
  field: d.fieldPrefix,
  ENUM: d.enumValue,
  title: d.title,
  example: d.exampleItem,
});

const dir = new URL('../subgraphs/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

/** The full SDL of a department subgraph. */
export function departmentSubgraphSdl(department: DepartmentKey): string {
  const values = placeholders(DEPARTMENT[department]);
  const generated = read('department.graphql.tmpl').replace(
    /\{\{(\w+)\}\}/g,
    (_, name: string) => values[name] ?? `{{${name}}}`,
  );
  return `${read('common.graphql')}\n${generated}\n${read(`${department}.graphql`)}`;
}

/** The hall subgraph's SDL. */
export function hallSubgraphSdl(): string {
  return read('hall.graphql');
}

/** A platform's subgraph SDL: its own file alone (a platform shares no items or cases). */
export function platformSubgraphSdl(platform: PlatformKey): string {
  return read(`${platform}.graphql`);
}

const isPlatform = (name: string): name is PlatformKey => PLATFORMS.some((p) => p.key === name);

/** The SDL of any subgraph of the one schema. */
export function subgraphSdl(name: SubgraphName): string {
  if (name === 'hall') return hallSubgraphSdl();
  return isPlatform(name) ? platformSubgraphSdl(name) : departmentSubgraphSdl(name);
}

export type SubgraphName = DepartmentKey | PlatformKey | 'hall';

/** The subgraphs of the one schema and where `npm start` runs them. */
export const SUBGRAPHS: readonly { readonly name: SubgraphName; readonly url: string }[] = [
  { name: 'hall', url: 'http://127.0.0.1:4001/graphql' },
  ...DEPARTMENTS.map((d) => ({ name: d.key, url: `http://127.0.0.1:${d.ports.subgraph}/graphql` })),
  ...PLATFORMS.map((p) => ({ name: p.key, url: `http://127.0.0.1:${p.ports.subgraph}/graphql` })),
];
