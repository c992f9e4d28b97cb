import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { AppError } from '../../errors.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { STARTER_CATALOG } from '../starter-catalog.js';

/**
 * `orgwire init [DIR]`: writes the starter catalog into a new (or empty) folder. The files
 * are written beside it first and moved into place at once, so a failure leaves nothing.
 */
export async function init(
  io: Io,
  options: { dir: string; format: OutputFormat },
): Promise<number> {
  const target = resolve(io.cwd, options.dir);
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new AppError(
      'invalid-input',
      `${options.dir} is ${info.isFile() ? 'a file' : 'not a folder'}; orgwire init writes the starter catalog into a folder.`,
      'Pass a folder to create, e.g. `orgwire init catalog`.',
    );
  }
  if (info && (await readdir(target)).length > 0) {
    throw new AppError(
      'invalid-input',
      `${options.dir} already exists and is not empty.`,
      'Pass another folder, e.g. `orgwire init catalog-new`, or remove this one.',
    );
  }
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-`)).catch(
    (error: NodeJS.ErrnoException) => {
      throw new AppError(
        'invalid-input',
        `Cannot create ${options.dir}: ${error.code ?? error.message}.`,
        'Check that the parent folder exists and is writable.',
      );
    },
  );
  try {
    for (const [name, text] of Object.entries(STARTER_CATALOG))
      await writeFile(join(staging, name), text);
    if (existsSync(target)) await rmdir(target);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new AppError(
      'invalid-input',
      `Cannot create ${options.dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      'Check that the parent folder is writable and that nothing else is creating it.',
    );
  }
  const files = Object.keys(STARTER_CATALOG).map((name) =>
    join(relative(io.cwd, target) || '.', name),
  );
  if (options.format === 'json') {
    writeJson(io, { catalog: relative(io.cwd, target) || '.', files });
    return 0;
  }
  io.out(`Wrote a starter catalog: ${files.join(', ')}\n`);
  io.out(
    `Next: edit it to describe your teams, then run \`orgwire validate --catalog ${relative(io.cwd, target) || '.'}\`.\n`,
  );
  return 0;
}
