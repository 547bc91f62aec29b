import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The files GraphiQL's page loads, all from the gateway's own origin: React, GraphiQL, its stylesheet, and
 * the fonts the stylesheet carries inline as `data:` URLs, taken out into files of their own — a page
 * under `default-src 'self'` may not load a font from `data:`, and a browser fetches only the subsets
 * (unicode-range) a page shows.
 */
const require = createRequire(import.meta.url);
const dirOf = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));

/** One file under /graphiql/assets/. */
export interface GraphiqlAsset {
  readonly type: string;
  readonly body: Buffer;
}

const FONT = /url\(data:font\/(woff2?);base64,([A-Za-z0-9+/=]+)\)/g;

/** The stylesheet with each inline font replaced by a URL of its own, and those fonts by name. */
export function withFontsOutlined(css: string): { css: string; fonts: Map<string, GraphiqlAsset> } {
  const fonts = new Map<string, GraphiqlAsset>();
  const outlined = css.replace(FONT, (_, format: string, base64: string) => {
    const body = Buffer.from(base64, 'base64');
    const name = `fonts/${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${format}`;
    fonts.set(name, { type: `font/${format}`, body });
    return `url(/graphiql/assets/${name})`;
  });
  return { css: outlined, fonts };
}

/**
 * Every asset by its name under /graphiql/assets/, read once. A Map, not an object: a name such as
 * `__proto__` or `constructor` is a key like any other, and finds nothing.
 */
export function graphiqlAssets(setup: string): ReadonlyMap<string, GraphiqlAsset> {
  const file = (pkg: string, path: string) => readFileSync(join(dirOf(pkg), path));
  const js = 'text/javascript; charset=utf-8';
  const { css, fonts } = withFontsOutlined(file('graphiql', 'graphiql.min.css').toString('utf8'));
  return new Map<string, GraphiqlAsset>([
    ['graphiql.min.js', { type: js, body: file('graphiql', 'graphiql.min.js') }],
    ['graphiql.min.css', { type: 'text/css; charset=utf-8', body: Buffer.from(css) }],
    ['react.production.min.js', { type: js, body: file('react', 'umd/react.production.min.js') }],
    ['react-dom.production.min.js', { type: js, body: file('react-dom', 'umd/react-dom.production.min.js') }],
    ['setup.js', { type: js, body: Buffer.from(setup) }],
    ...fonts,
  ]);
}
