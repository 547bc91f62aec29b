/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ExampleBundles {\n    bundles {\n      code\n      name { zh en }\n      items { code department }\n    }\n  }\n": typeof types.ExampleBundlesDocument,
    "\n  query ExampleBundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      form(options: $options) {\n        fields { key label { zh en } type required }\n      }\n    }\n  }\n": typeof types.ExampleBundleFormDocument,
};
const documents: Documents = {
    "\n  query ExampleBundles {\n    bundles {\n      code\n      name { zh en }\n      items { code department }\n    }\n  }\n": types.ExampleBundlesDocument,
    "\n  query ExampleBundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      form(options: $options) {\n        fields { key label { zh en } type required }\n      }\n    }\n  }\n": types.ExampleBundleFormDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExampleBundles {\n    bundles {\n      code\n      name { zh en }\n      items { code department }\n    }\n  }\n"): typeof import('./graphql').ExampleBundlesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExampleBundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      form(options: $options) {\n        fields { key label { zh en } type required }\n      }\n    }\n  }\n"): typeof import('./graphql').ExampleBundleFormDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
