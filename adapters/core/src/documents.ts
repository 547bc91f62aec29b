import type { KeyObject } from 'node:crypto';
import { sha256Hex, verifyDocumentText } from '@onething/runtime/documents';
import type { IssuedDocument } from './domain';
import { AdapterError } from './errors';

/** A document as an adapter read it off its wire: every field in domain terms, not yet checked. */
export type UncheckedDocument = Omit<IssuedDocument, 'signature'> & {
  readonly signature: { readonly keyId: string; readonly value: string };
};

/**
 * Checks a document: the file's SHA-256 must be the one on the wire, and the signature must verify over
 * `signedText` — which the adapter rebuilds from the wire fields by its department's rule, never takes
 * from the wire — under the department's public key. A document that fails is refused with
 * DOCUMENT_UNVERIFIED (not retryable: asking again gives the same document), naming it and what failed.
 */
export function verifiedDocument(
  department: string,
  operation: string,
  publicKey: KeyObject,
  doc: UncheckedDocument,
  signedText: string,
): IssuedDocument {
  const refuse = (what: string) =>
    new AdapterError(
      'DOCUMENT_UNVERIFIED',
      department,
      operation,
      `document ${doc.number} (${doc.materialId}) is refused: ${what}`,
      { departmentMessage: what },
    );
  const actual = sha256Hex(doc.content);
  if (actual !== doc.sha256.toLowerCase())
    throw refuse(`its file's SHA-256 is ${actual}, not the ${doc.sha256} it was issued with`);
  if (!verifyDocumentText(publicKey, signedText, doc.signature.value))
    throw refuse(
      `its signature (key ${doc.signature.keyId}) does not verify under the department's public key`,
    );
  return {
    ...doc,
    sha256: actual,
    signature: { algorithm: 'Ed25519', keyId: doc.signature.keyId, signedText, value: doc.signature.value },
  };
}
