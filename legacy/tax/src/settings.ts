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

/**
 * The province's general deed tax rate: 《中华人民共和国契税法》第三条 lets each province set it within
 * 3 %–5 %. The default is Zhejiang's (where most seeded homes are), set by its people's congress.
 */
export const ZHEJIANG_DEED_TAX_DECISION =
  '《浙江省人民代表大会常务委员会关于契税具体适用税率等事项的决定》（2021年7月30日浙江省第十三届人民代表大会常务委员会第三十次会议通过，自2021年9月1日起施行）第一条：本省行政区域内契税的适用税率为百分之三';

/** Settings of the tax stand-in: the kit's, plus the API keys it accepts and the province's deed tax rate. */
export const taxSettings = standInSettings('tax', 4101, {
  deedTaxGeneralRateBp: {
    env: 'DEED_TAX_GENERAL_RATE_BP',
    schema: z.coerce.number().int().min(300).max(500).default(300),
    doc: 'The province’s general deed tax rate in basis points (300 = 3 %), within the 3 %–5 % of 《中华人民共和国契税法》第三条; applies to homes without a preferential rate and to non-residential property.',
  },
  deedTaxGeneralRateBasis: {
    env: 'DEED_TAX_GENERAL_RATE_BASIS',
    schema: z.string().trim().min(4).default(ZHEJIANG_DEED_TAX_DECISION),
    defaultDoc: 'Zhejiang’s decision of 2021-07-30 (3 %)',
    doc: 'The province’s decision that sets DEED_TAX_GENERAL_RATE_BP, cited on every assessment at the general rate; change both together.',
  },
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
