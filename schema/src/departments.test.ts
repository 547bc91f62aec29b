import { existsSync, readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLEnumType, GraphQLObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_ENUM_VALUES,
  DEPARTMENT_KEYS,
  DEPARTMENTS,
  type Department,
  departmentNamed,
} from './departments';
import { PLATFORM_KEYS, PLATFORMS } from './platforms';
import { readSupergraph } from './supergraph';

const root = new URL('../../', import.meta.url);
const file = (path: string) => new URL(path, root);
const sdlOf = (path: string) => readFileSync(file(path), 'utf8');
const supergraph = Supergraph.build(readSupergraph());

/** The `Department` enum an SDL declares: its values in order, each with its description. */
function departmentEnum(sdl: string) {
  const doc = parse(sdl);
  const node = doc.definitions.find((d) => d.kind === 'EnumTypeDefinition' && d.name.value === 'Department');
  if (node?.kind !== 'EnumTypeDefinition') throw new Error('no enum Department');
  return (node.values ?? []).map((v) => ({ value: v.name.value, description: v.description?.value }));
}

const expectedEnum = DEPARTMENTS.map((d) => ({
  value: d.enumValue,
  description: `${d.name.en} (${d.name.zh}).`,
}));

describe('the department registry', () => {
  it.each(['schema/subgraphs/common.graphql', 'schema/subgraphs/hall.graphql'])(
    'is the Department enum of %s, value for value, named alike',
    (path) => {
      expect(departmentEnum(sdlOf(path))).toEqual(expectedEnum);
    },
  );

  it('is the Department enum of the supergraph, whose graphs are its departments, its platforms and the hall', () => {
    expect(departmentEnum(readSupergraph())).toEqual(expectedEnum);
    expect([...supergraph.subgraphs().names()].sort()).toEqual(
      [...DEPARTMENT_KEYS, ...PLATFORM_KEYS, 'hall'].sort(),
    );
  });

  it('names the types and fields of the one schema', () => {
    const api = supergraph.apiSchema().toGraphQLJSSchema();
    const query = Object.keys(api.getQueryType()!.getFields());
    const mutation = Object.keys(api.getMutationType()!.getFields());
    for (const d of DEPARTMENTS) {
      expect(api.getType(d.itemType), d.itemType).toBeInstanceOf(GraphQLObjectType);
      expect(api.getType(d.caseType), d.caseType).toBeInstanceOf(GraphQLObjectType);
      expect(query).toEqual(
        expect.arrayContaining([
          `${d.fieldPrefix}Items`,
          `${d.fieldPrefix}Case`,
          `${d.fieldPrefix}CaseByKey`,
        ]),
      );
      expect(mutation).toEqual(
        expect.arrayContaining([`submit${d.typePrefix}Case`, `correct${d.typePrefix}Case`]),
      );
    }
    const department = api.getType('Department') as GraphQLEnumType;
    expect(department.getValues().map((v) => v.name)).toEqual([...DEPARTMENT_ENUM_VALUES]);
  });

  it.each(DEPARTMENTS.map((d) => [d.key, d] as const))('has %s’s subgraph, adapter and stand-in', (key) => {
    expect(existsSync(file(`schema/subgraphs/${key}.graphql`))).toBe(true);
    const name = (dir: string) => JSON.parse(sdlOf(`${dir}/package.json`)).name as string;
    expect(name(`subgraphs/${key}`)).toBe(`@onething/subgraph-${key}`);
    expect(name(`adapters/${key}`)).toBe(`@onething/adapter-${key}`);
    expect(name(`legacy/${key}`)).toBe(`@onething/legacy-${key}`);
  });

  it('gives every department its own key, value, names and ports', () => {
    for (const pick of [
      (d: Department) => d.key,
      (d: Department) => d.enumValue,
      (d: Department) => d.typePrefix,
      (d: Department) => d.fieldPrefix,
      (d: Department) => d.name.zh,
      (d: Department) => d.name.en,
      (d: Department) => d.inSentence.zh,
      (d: Department) => d.inSentence.en,
    ])
      expect(new Set(DEPARTMENTS.map(pick)).size).toBe(DEPARTMENTS.length);
    const ports = [...DEPARTMENTS, ...PLATFORMS].flatMap((d) => Object.values(d.ports));
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set([...DEPARTMENT_KEYS, ...PLATFORM_KEYS]).size).toBe(DEPARTMENTS.length + PLATFORMS.length);
  });

  it.each(PLATFORMS.map((p) => [p.key] as const))(
    'has the %s platform’s subgraph, adapter and stand-in',
    (key) => {
      expect(existsSync(file(`schema/subgraphs/${key}.graphql`))).toBe(true);
      const name = (dir: string) => JSON.parse(sdlOf(`${dir}/package.json`)).name as string;
      expect(name(`subgraphs/${key}`)).toBe(`@onething/subgraph-${key}`);
      expect(name(`adapters/${key}`)).toBe(`@onething/adapter-${key}`);
      expect(name(`legacy/${key}`)).toBe(`@onething/legacy-${key}`);
    },
  );

  it('finds a department by its key or its enum value, and nothing else', () => {
    expect(departmentNamed('realestate')?.enumValue).toBe('REALESTATE');
    expect(departmentNamed('REALESTATE')?.key).toBe('realestate');
    expect(departmentNamed('RealEstate')).toBeUndefined();
    expect(departmentNamed('toString')).toBeUndefined();
  });
});
