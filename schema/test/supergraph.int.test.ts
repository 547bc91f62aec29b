import { Supergraph } from '@apollo/federation-internals';
import {
  type GraphQLField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompositionError, composeSupergraph } from '../src/compose';
import { SUBGRAPHS, subgraphSdl } from '../src/subgraph-sdl';
import { composeOurSupergraph, readSupergraph } from '../src/supergraph';

describe('the supergraph', () => {
  it('is checked in as composed from schema/subgraphs (run `npm run compose` when this fails)', () => {
    expect(readSupergraph()).toBe(composeOurSupergraph());
  });

  it('keeps each subgraph a Federation 2 subgraph', () => {
    for (const s of SUBGRAPHS)
      expect(subgraphSdl(s.name)).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  });

  it('refuses composition with a hint that is not accepted, naming it', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const a = `${link}\ninterface Thing { id: ID! name: String! }\ntype A implements Thing @key(fields: "id") { id: ID! name: String! }\ntype Query { a: A }`;
    const b = `${link}\ninterface Thing { id: ID! }\ntype A implements Thing @key(fields: "id", resolvable: false) { id: ID! }\ntype Query { things: [Thing] }`;
    expect(() =>
      composeSupergraph([
        { name: 'a', typeDefs: a, url: 'http://a' },
        { name: 'b', typeDefs: b, url: 'http://b' },
      ]),
    ).toThrow(CompositionError);
    expect(() =>
      composeSupergraph([
        { name: 'a', typeDefs: a, url: 'http://a' },
        { name: 'b', typeDefs: b, url: 'http://b' },
      ]),
    ).toThrow(/INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD/);
  });

  it('refuses subgraphs that do not compose, naming every error', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const a = `${link}\ntype T @key(fields: "id") { id: ID! n: Int }\ntype Query { t: T }`;
    const b = `${link}\ntype T @key(fields: "id") { id: ID! n: String }\ntype Query { u: T }`;
    expect(() =>
      composeSupergraph([
        { name: 'a', typeDefs: a, url: 'http://a' },
        { name: 'b', typeDefs: b, url: 'http://b' },
      ]),
    ).toThrow(/do not compose[\s\S]*T\.n/);
  });

  it('documents every type, field, argument and enum value a front end sees', () => {
    const api = Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();
    const missing: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type))
        for (const v of type.getValues()) if (!v.description?.trim()) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });
});
