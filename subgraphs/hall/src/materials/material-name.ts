import { EXTENSIONS, type MaterialType } from './sniff';

/** The header carrying a material's file name, URI-encoded UTF-8 (`encodeURIComponent(file.name)`). */
export const NAME_HEADER = 'x-material-name';

/** Longest name kept, in characters. */
export const MAX_NAME_LENGTH = 200;

/** A file name that cannot be used, and why. */
export class MaterialNameError extends Error {
  override readonly name = 'MaterialNameError';
}

// Control characters would let a name break the headers and logs it is written into.
const CONTROL = /\p{Cc}/u;

/**
 * The name of an uploaded file from its header: decoded, without any folder a browser or scanner put in
 * front of it (`C:\fakepath\…`); without a header, `material.<ext>` of the type found in the content.
 */
export function materialName(header: string | string[] | undefined, type: MaterialType): string {
  const fallback = `material.${EXTENSIONS[type]}`;
  if (header === undefined) return fallback;
  if (Array.isArray(header)) throw new MaterialNameError(`send ${NAME_HEADER} once`);
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw new MaterialNameError(
      `${NAME_HEADER} is not URI-encoded UTF-8: send encodeURIComponent(name) of the file's name`,
    );
  }
  if (CONTROL.test(name)) throw new MaterialNameError(`${NAME_HEADER} holds control characters`);
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
  if ([...name].length > MAX_NAME_LENGTH)
    throw new MaterialNameError(
      `the file's name is ${[...name].length} characters long; at most ${MAX_NAME_LENGTH} are kept: shorten it`,
    );
  return name || fallback;
}

/**
 * `content-disposition` showing the file in the browser under its name: `filename*` (RFC 8187) for the
 * real name, and an ASCII `filename` for clients that know only that.
 */
export function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 8187's attr-char allows only !.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
