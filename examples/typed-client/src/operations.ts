import { graphql } from './generated';

/**
 * The operations this client sends, each named for what it is for (the gateway logs the name). Each text
 * is a literal, without interpolation, so that codegen can read it and type it.
 */

/** The bundles (一件事) one can apply for, and the items (事项) of each at its department. */
export const BUNDLES = graphql(`
  query ExampleBundles {
    bundles {
      code
      name { zh en }
      items { code department }
    }
  }
`);

/** A bundle's one form: the fields it asks for, each once, for the options chosen. */
export const BUNDLE_FORM = graphql(`
  query ExampleBundleForm($code: ID!, $options: [String!]) {
    bundle(code: $code) {
      code
      name { zh en }
      form(options: $options) {
        fields { key label { zh en } type required }
      }
    }
  }
`);
