import { standInSettings } from '@onething/legacy-kit';
import { z } from 'zod';

/** Callers the tax system knows, by API key: the key's name is who the request log says called. */
export type ApiKeys = ReadonlyMap<string, string>;

const apiKeyList = z
  .string()
  .default('onething:tax-dev-key')
  .transform((text, ctx): ApiKeys => {
    const keys = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([^:\s]+):(\S{8,})$/.exec(entry);
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not name:key (a key of at least 8 characters, no spaces)`,
        });
        continue;
      }
      if (keys.has(m[2]!)) ctx.addIssue({ code: 'custom', message: `the key of "${m[1]}" is given twice` });
      keys.set(m[2]!, m[1]!);
    }
    return keys;
  });

/** Settings of the tax stand-in: the kit's, plus the API keys it accepts. */
export const taxSettings = standInSettings('tax', 4101, {
  apiKeys: {
    env: 'TAX_API_KEYS',
    schema: apiKeyList,
    secret: true,
    defaultDoc: 'onething:tax-dev-key',
    doc: 'Accepted API keys as a comma list of name:key (e.g. onething:tax-dev-key,hall:s3cret-key).',
  },
});

/** The tax stand-in's configuration, as `taxSettings.load()` gives it. */
export type TaxConfig = ReturnType<typeof taxSettings.load>;
