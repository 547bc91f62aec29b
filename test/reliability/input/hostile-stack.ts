import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  application,
  buyerToken,
  eventually,
  FILES,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  submit,
  upload,
} from '../../stack/house-transfer';
import { startTestStack, type TestStack } from '../../stack/support';
import type { CorpusContext } from './corpus';
import type { TokenName } from './corpus/context';
import { providerKey } from './forge';

/** The personas of the development identity provider. */
export const PERSONAS = [
  'citizen',
  'seller',
  'legal-rep',
  'window-staff',
  'staff-tax',
  'staff-market',
  'staff-realestate',
  'staff-fund',
] as const;

/** The whole stack the corpus runs on, with what it needs and who could have records written for them. */
export interface HostileStack {
  readonly s: TestStack;
  readonly ctx: CorpusContext;
  /** Window staff's token, to count the hall's records. */
  readonly staff: string;
  /** Every applicant a request of the corpus is sent as, by name, with their token. */
  readonly applicants: Readonly<Record<string, string>>;
}

/**
 * Starts the stack with an identity-provider key the suite knows, and prepares an applicant: a buyer of
 * a seeded home with a right house transfer form, uploaded materials and one application the departments
 * accepted (for ratings and corrections to refuse), and an upload of someone else's. Polling is slowed to
 * a minute, and the stand-ins' clocks stand still, so nothing changes the records while the corpus runs.
 */
export async function startHostileStack(): Promise<HostileStack> {
  const key = providerKey(mkdtempSync(join(tmpdir(), 'onething-hostile-')));
  const s = await startTestStack({
    env: { SIGNING_KEY_FILE: key.file },
    hallEnv: { POLL_INTERVAL_MS: '60000' },
  });
  const tokens = {} as Record<TokenName, string>;
  for (const p of PERSONAS) tokens[p] = await s.token(p);
  tokens.hall = await s.serviceToken();
  const personaIds = [tokens.citizen, tokens.seller, tokens['legal-rep']].map(idNumberOf);
  const pair = parties(0, personaIds);
  tokens.applicant = await buyerToken(s, pair);
  const otherToken = await buyerToken(s, parties(1, personaIds));
  const values = houseTransferValues(pair.buyer.idNumber, pair.seller.idNumber);
  const materials = await houseTransferMaterials(s, tokens.applicant);
  const otherUploadId = await upload(s, otherToken, FILES.pdf);
  const submitted = await submit(s, tokens.applicant, { bundleCode: 'HOUSE-TRANSFER', values, materials });
  // The first two parts go at once; the transfer waits for them, and the clocks stand still.
  const accepted = await eventually(
    () => application(s, tokens.applicant, submitted.id),
    (a) => a.parts.filter((p) => p.status === 'ACCEPTED').length === 2,
    'the corpus application accepted by tax and the fund',
  );
  return {
    s,
    staff: tokens['window-staff'],
    applicants: {
      applicant: tokens.applicant,
      other: otherToken,
      citizen: tokens.citizen,
      seller: tokens.seller,
      'legal-rep': tokens['legal-rep'],
    },
    ctx: {
      ports: s.ports,
      identityKey: s.identityKeys.key,
      providerKey: key,
      // The development provider's issuer is its URL (OpenID discovery).
      issuer: `http://127.0.0.1:${s.ports.idp}`,
      audience: 'onething',
      tokens,
      applicant: {
        idNumber: pair.buyer.idNumber,
        name: pair.buyer.name,
        values,
        materials,
        applicationId: submitted.id,
        partId: accepted.parts[0]!.id,
      },
      otherUploadId,
    },
  };
}
