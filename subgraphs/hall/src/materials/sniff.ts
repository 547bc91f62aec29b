/** The types of file the hall keeps as materials (申请材料): scans and photos of documents. */
export type MaterialType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** Every type a material may be, in the order messages name them. */
export const MATERIAL_TYPES: readonly MaterialType[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** A type's name as people say it, for messages. */
export const TYPE_NAMES: Readonly<Record<MaterialType, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** The extension a file of the type gets when it comes without a name. */
export const EXTENSIONS: Readonly<Record<MaterialType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

// The signatures the formats themselves define (ISO 32000 header, JPEG SOI + marker, PNG signature):
// a name or a claimed type costs nothing to fake, the first bytes are what a viewer will act on.
const SIGNATURES: readonly (readonly [MaterialType, readonly number[]])[] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type of a file from its first bytes; undefined when it is none of PDF, JPEG or PNG. */
export function sniffType(content: Uint8Array): MaterialType | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (content.length >= signature.length && signature.every((byte, i) => content[i] === byte)) return type;
  }
  return undefined;
}

// Older browsers and scanners still send these names for JPEG.
const ALIASES: Readonly<Record<string, MaterialType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

/**
 * The material type a `content-type` header claims, when it claims one of ours; undefined for anything
 * else (`application/octet-stream`, no header), which says nothing about the content.
 */
export function claimedType(contentType: string | undefined): MaterialType | undefined {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return MATERIAL_TYPES.find((t) => t === media) ?? ALIASES[media];
}
