import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { devNull } from 'node:os';
import { AppError } from '../errors.js';

export interface ReadTextFileOptions {
  /** The path as the user wrote it, for messages. */
  shownAs: string;
  /** What the file should be, e.g. `request export`, `catalog file`, `config file`. */
  what: string;
  /** The flag that named it, e.g. `--requests`, when one did. */
  flag?: string;
}

/**
 * The text of a file the user gave orgwire, read the one way every input file is read:
 * it must be a regular file (a FIFO, socket or device would block or never end, a folder
 * is a mistake), and UTF-8 text — a UTF-8 byte-order mark is dropped, UTF-16 with a
 * byte-order mark is decoded, and anything else (another encoding, a zip archive, binary
 * data with NUL bytes) is an {@link AppError} that says what the file is and how to fix it.
 * A missing file is an AppError with code `not-found`.
 */
export async function readTextFile(path: string, options: ReadTextFileOptions): Promise<string> {
  const { shownAs: shown, what } = options;
  // `--config /dev/null` is the usual way to say "no config": an empty file, not a device.
  if (path === devNull) return '';
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking, so that opening a FIFO returns at once; fstat on the open file then
    // says what it really is, with no window for it to be swapped after a check.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AppError(
        'not-found',
        `No ${what} at ${shown}.`,
        options.flag ? `Check the path given to ${options.flag}.` : 'Check the path.',
      );
    }
    throw new AppError(
      'invalid-input',
      `Cannot read ${shown} (${code ?? String(error)}).`,
      'Check that the file exists and that you may read it.',
    );
  }
  let bytes: Buffer;
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new AppError(
        'invalid-input',
        `${shown} is a folder, not a ${what}.`,
        `Pass the ${what} itself${options.flag ? ` to ${options.flag}` : ''}, not the folder that holds it.`,
      );
    }
    if (!info.isFile()) {
      const kind = info.isFIFO()
        ? 'a named pipe'
        : info.isSocket()
          ? 'a socket'
          : info.isCharacterDevice() || info.isBlockDevice()
            ? 'a device'
            : 'not a file';
      throw new AppError(
        'invalid-input',
        `${shown} is not a regular file (it is ${kind}); orgwire reads the ${what} from a regular file.`,
        'Save the content to a file first, then pass that file.',
      );
    }
    bytes = await handle.readFile();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid-input',
      `Cannot read ${shown} (${code ?? String(error)}).`,
      'Check that the file exists and that you may read it.',
    );
  } finally {
    await handle.close();
  }
  return decodeText(bytes, shown, what);
}

/**
 * Text from the bytes of an input file (see {@link readTextFile}); exported for tests and
 * for text that does not come from a file.
 */
export function decodeText(bytes: Uint8Array, shown: string, what: string): string {
  const notText = (is: string, hint: string) =>
    new AppError('invalid-input', `${shown} is ${is}, not UTF-8 text.`, hint);
  const convert = `or convert it: iconv -f ENCODING -t UTF-8 ${shown} > ${shown}.utf8`;
  let text: string;
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'be'
        : undefined;
  if (utf16) {
    const body = Buffer.from(bytes.subarray(2));
    if (body.length % 2 === 1) {
      throw notText(
        'UTF-16 with an odd number of bytes (cut short?)',
        `Save the ${what} again as UTF-8.`,
      );
    }
    if (utf16 === 'be') body.swap16();
    try {
      text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
    } catch {
      throw notText('broken UTF-16', `Save the ${what} again as UTF-8.`);
    }
  } else {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
      throw notText(
        'a zip archive (an Excel workbook?)',
        what === 'request export'
          ? 'Export the issues as CSV or JSON.'
          : `Pass the ${what} itself.`,
      );
    }
    // NUL bytes first: a binary file is rarely valid UTF-8, and "another encoding" would mislead.
    if (bytes.includes(0)) {
      throw looksLikeUtf16(bytes)
        ? notText('UTF-16 without a byte-order mark', `Save the ${what} as UTF-8, ${convert}.`)
        : notText('a binary file', `Pass the ${what} itself, as text.`);
    }
    try {
      // TextDecoder drops a UTF-8 byte-order mark by itself.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw notText('in another encoding', `Save the ${what} as UTF-8, ${convert}.`);
    }
  }
  if (text.includes('\0')) throw notText('a binary file', `Pass the ${what} itself, as text.`);
  return text;
}

/** Mostly NUL bytes at every other position: ASCII text saved as UTF-16 with no BOM. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  return half >= 2 && (even > half * 0.8 || odd > half * 0.8);
}
