import { forbiddenCharacters } from '@onething/schema/forms';
import { EXTENSIONS, type MaterialType, TYPE_NAMES } from './sniff';

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

/** The extensions a file of each type may carry. */
const TYPE_EXTENSIONS: Readonly<Record<MaterialType, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
};

/**
 * Extensions of files that run or render code where they are opened: one inside a name (`身份证.exe.jpg`)
 * is how a file is passed off as another once a viewer or a person drops the last extension.
 */
const EXECUTABLE = new Set(
  'exe com scr pif bat cmd msi msp dll cpl lnk hta js jse vbs vbe wsf wsh ps1 psm1 sh bash jar apk app reg inf html htm xhtml svg shtml php asp aspx jsp py pl rb'.split(
    ' ',
  ),
);

/** What looks like an extension: letters and digits, with a letter (`v1.2` has none). */
const EXTENSION = /^(?=.*[a-z])[a-z0-9]{1,8}$/i;

/**
 * Characters file names commonly carry that the text fields' rule refuses; harmless in a file name (it is
 * shown escaped and sent as `filename*`), so they pass. Invisible characters never do.
 */
const NAME_PUNCTUATION = new Set(['"["', '"]"', '"+"', '"="', '"%"', '"@"', '"~"', '"^"', '"{"', '"}"']);

/**
 * Why a file name would deceive whoever reads it: invisible characters (a right-to-left override makes
 * `身份证\u202Egpj.exe` show as `身份证exe.jpg`), an extension other than the content's type, an
 * executable extension inside it. Every problem, each with its fix.
 */
function deceptions(name: string, type: MaterialType): string[] {
  const problems: string[] = [];
  const found = forbiddenCharacters(name).filter((c) => !NAME_PUNCTUATION.has(c));
  if (found.length > 0)
    problems.push(
      `it holds characters a name may not hold (${found.join(' ')}: invisible formatting such as right-to-left overrides and zero-width characters, or markup): rename the file without them`,
    );
  const segments = name.split('.');
  const last = segments.length > 1 ? segments.at(-1)!.toLowerCase() : undefined;
  const allowed = TYPE_EXTENSIONS[type];
  if (last !== undefined && EXTENSION.test(last) && !allowed.includes(last))
    problems.push(
      `it ends in .${last} but the file is ${TYPE_NAMES[type]}: rename it to end in .${EXTENSIONS[type]}`,
    );
  const inner = segments
    .slice(1, -1)
    .map((x) => x.trim().toLowerCase())
    .filter((x) => EXECUTABLE.has(x));
  if (inner.length > 0)
    problems.push(
      `it carries the executable extension ${inner.map((x) => `.${x}`).join(', ')} inside it: rename the file without it`,
    );
  return problems;
}

/**
 * The name of an uploaded file from its header: decoded, without any folder a browser or scanner put in
 * front of it (`C:\fakepath\…`); without a header, `material.<ext>` of the type found in the content.
 * A name that would deceive staff reading it (see {@link deceptions}) is refused.
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
  if (!name) return fallback;
  const problems = deceptions(name, type);
  if (problems.length > 0)
    throw new MaterialNameError(`the file's name cannot be kept: ${problems.join('; ')}`);
  return name;
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
