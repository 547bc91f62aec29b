/**
 * The shared platforms of the federation that are not departments: systems every department's fees (or
 * other common services) go through, each with its own stand-in, adapter and subgraph, declared once as
 * the departments are (departments.ts). A platform has no items and no cases, so it is not in the
 * `Department` enum; the one schema names its subgraph by its key.
 */

interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

function declare<
  const P extends {
    /** Its subgraph (`schema/subgraphs/<key>.graphql`, `subgraphs/<key>`), adapter and stand-in (`legacy/<key>`). */
    readonly key: string;
    readonly name: Bilingual;
    /** The wire its system speaks, as the adapter meets it. */
    readonly protocol: string;
    /** Where `npm start` runs its subgraph and its stand-in system (and the stand-in's admin port). */
    readonly ports: { readonly subgraph: number; readonly system: number; readonly systemAdmin: number };
  },
>(p: P): P {
  return p;
}

/** The platforms, in the order `npm start` lists them. */
export const PLATFORMS = [
  declare({
    key: 'payment',
    name: { zh: '统一公共支付平台', en: 'Unified public payment platform' },
    protocol: 'JSON signed with RSA-SHA256',
    ports: { subgraph: 4006, system: 4105, systemAdmin: 4115 },
  }),
] as const;

export type Platform = (typeof PLATFORMS)[number];
export type PlatformKey = Platform['key'];

export const PLATFORM_KEYS = PLATFORMS.map((p) => p.key) as unknown as readonly [
  PlatformKey,
  ...PlatformKey[],
];

/** A platform by its key. */
export const PLATFORM: { readonly [K in PlatformKey]: Extract<Platform, { key: K }> } = Object.fromEntries(
  PLATFORMS.map((p) => [p.key, p]),
) as never;
