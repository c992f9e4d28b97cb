import { spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { devNull } from 'node:os';
import { type DemoCommit, type DemoPerson, demoHistory } from './demo-history.js';

/**
 * Writes the demo history into a new git repository at `dir` (created if missing; it must
 * be empty) with one `git fast-import` run, then checks out `main`. Neither the system nor
 * the user's git configuration is read, so the commit hashes are the same on every machine.
 */
export async function buildDemoRepo(dir: string): Promise<{ commits: number }> {
  await ensureEmptyDir(dir);
  const env = gitEnv();
  await git(['init', '-q', '-b', 'main', dir], env);
  const commits = demoHistory();
  await git(['-C', dir, 'fast-import', '--quiet', '--done'], env, fastImportStream(commits));
  await git(['-C', dir, 'reset', '-q', '--hard', 'main'], env);
  return { commits: commits.length };
}

async function ensureEmptyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new Error(`Cannot build the demo repository in ${dir}: the folder is not empty.`);
  }
}

/** The environment without inherited GIT_* variables and without system or global config. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, GIT_TERMINAL_PROMPT: '0' };
}

/** The fast-import script, one commit at a time; `data` counts bytes, not characters. */
function* fastImportStream(commits: readonly DemoCommit[]): Generator<Buffer> {
  for (const [i, commit] of commits.entries()) {
    const when = `${Math.floor(commit.date.getTime() / 1000)} +0000`;
    const who = `${ident(commit.author)} ${when}`;
    yield Buffer.from(`commit refs/heads/main\nmark :${i + 1}\nauthor ${who}\ncommitter ${who}\n`);
    yield data(fullMessage(commit));
    for (const change of commit.changes) {
      yield Buffer.from(`M 100644 inline ${change.path}\n`);
      yield data(change.content);
    }
    yield Buffer.from('\n');
  }
  yield Buffer.from('done\n');
}

function data(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`data ${body.length}\n`), body, Buffer.from('\n')]);
}

function ident(person: DemoPerson): string {
  return `${person.name} <${person.email}>`;
}

/** The commit message with one Co-authored-by trailer per co-author, as GitHub writes them. */
function fullMessage(commit: DemoCommit): string {
  const message = commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`;
  if (commit.coAuthors.length === 0) return message;
  const trailers = commit.coAuthors.map((p) => `Co-authored-by: ${ident(p)}\n`).join('');
  return `${message}\n${trailers}`;
}

/** Runs git, streaming `input` to its stdin with back-pressure; rejects with git's stderr. */
function git(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input?: Iterable<Buffer>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('git', args, { env, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`));
    });
    const stdin = child.stdin;
    if (input && stdin) {
      // An early exit closes the pipe; the close handler reports git's own error.
      stdin.on('error', () => {});
      const chunks = input[Symbol.iterator]();
      const pump = (): void => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) {
          if (!stdin.write(next.value)) {
            stdin.once('drain', pump);
            return;
          }
        }
        stdin.end();
      };
      pump();
    }
  });
}
