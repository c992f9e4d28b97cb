import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { readTextFile } from './read-text-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-text-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TEXT = 'kind: Group\nname: café ✓\n';
const read = (name: string, path = join(dir, name)) =>
  readTextFile(path, { shownAs: name, what: 'catalog file' });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      const { code, message } = error as AppError;
      return { code, message };
    },
  );

describe('readTextFile', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
    [
      'UTF-8 with a byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
    ],
    [
      'UTF-16 LE with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
    ],
    [
      'UTF-16 BE with a byte-order mark',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]),
    ],
  ])('reads %s as the same text', async (name, bytes) => {
    await writeFile(join(dir, name), bytes);
    expect(await read(name)).toBe(TEXT);
  });

  it.each([
    [
      'binary',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0, 9]),
      'binary is a binary file, not UTF-8 text.',
    ],
    [
      'no-bom',
      Buffer.from('kind: Group\n', 'utf16le'),
      'no-bom is UTF-16 without a byte-order mark, not UTF-8 text.',
    ],
    [
      'latin1',
      Buffer.from('name: caf\xe9\n', 'latin1'),
      'latin1 is in another encoding, not UTF-8 text.',
    ],
    [
      'zip',
      Buffer.from('PK\x03\x04\x14\x00', 'latin1'),
      'zip is a zip archive (an Excel workbook?), not UTF-8 text.',
    ],
    [
      'odd',
      Buffer.from([0xff, 0xfe, 0x41]),
      'odd is UTF-16 with an odd number of bytes (cut short?), not UTF-8 text.',
    ],
  ])('refuses a file that is not text (%s), saying what it is', async (name, bytes, message) => {
    await writeFile(join(dir, name), bytes);
    expect(await failure(read(name))).toEqual({ code: 'invalid-input', message });
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const started = Date.now();
    expect(await failure(read('pipe'))).toEqual({
      code: 'invalid-input',
      message:
        'pipe is not a regular file (it is a named pipe); orgwire reads the catalog file from a regular file.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads /dev/null as an empty file, the usual way to pass no config', async () => {
    expect(await read('/dev/null', '/dev/null')).toBe('');
  });

  it('refuses a device, a folder and a missing file, each with its own message', async () => {
    await mkdir(join(dir, 'folder'));
    expect(await failure(read('/dev/zero', '/dev/zero'))).toEqual({
      code: 'invalid-input',
      message:
        '/dev/zero is not a regular file (it is a device); orgwire reads the catalog file from a regular file.',
    });
    expect(await failure(read('folder'))).toEqual({
      code: 'invalid-input',
      message: 'folder is a folder, not a catalog file.',
    });
    expect(await failure(read('missing.yaml'))).toEqual({
      code: 'not-found',
      message: 'No catalog file at missing.yaml.',
    });
  });
});
