import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-parsers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the built CLI as a user would, in `cwd`, with no terminal, killed after `timeout` ms. */
function orgwire(args: string[], cwd = work, timeout = 20_000) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, files: Record<string, string | Buffer>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const fresh = (name: string) => {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

const TWO_TEAMS =
  'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ops}\nspec: {type: team, children: []}\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}\n';

describe('orgwire queues on many requests', () => {
  it('measures 100,000 stored requests without running out of stack', () => {
    const rows = ['id,requester,provider,created,started,done,type'];
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
    for (let i = 0; i < 100_000; i++) {
      const created = i % 700;
      rows.push(`R-${i},web,ops,${day(created).slice(0, 10)},,${day(created + 5).slice(0, 10)},x`);
    }
    const dir = write(fresh('many-requests'), {
      'catalog/org.yaml': TWO_TEAMS,
      'requests.csv': `${rows.join('\n')}\n`,
    });
    const result = orgwire(
      ['queues', '--db', 'store.db', '--requests', 'requests.csv', '--format', 'json'],
      dir,
      120_000,
    );
    noStackTrace(result.stderr);
    expect(result.stderr).not.toContain('Maximum call stack');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.requests).toBe(100_000);
    expect(json.window.until).toBe(day(704).slice(0, 10));
  }, 180_000);
});

/** Runs the CLI and checks it ended as an input error would: exit 2, a message, no stack trace. */
function inputError(args: string[], cwd: string, message: string) {
  const result = orgwire(args, cwd, 10_000);
  noStackTrace(result.stderr);
  expect(result.stderr).toContain(message);
  expect(result.status).toBe(2);
  return result;
}

describe('files that are not what orgwire expects', () => {
  const GROUP_UTF16 =
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ops, title: Opérations}\nspec: {type: team, children: []}\n';

  it('reads a catalog saved as UTF-16 (with a byte-order mark) or with a UTF-8 one', () => {
    const dir = write(fresh('utf16'), {
      'catalog/le.yaml': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(GROUP_UTF16, 'utf16le'),
      ]),
      'catalog/bom.yaml': `\ufeff${GROUP_UTF16.replaceAll('ops', 'web')}`,
    });
    const result = orgwire(['validate', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, entities: { Group: 2 } });
  });

  it('refuses a binary file in the catalog, naming it', () => {
    const dir = write(fresh('binary'), {
      'catalog/org.yaml': TWO_TEAMS,
      'catalog/logo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    });
    inputError(['validate'], dir, 'catalog/logo.yaml is a binary file, not UTF-8 text.');
  });

  it('refuses a named pipe given as a file at once, instead of waiting on it forever', () => {
    const dir = write(fresh('fifo'), { 'catalog/org.yaml': TWO_TEAMS });
    spawnSync('mkfifo', [join(dir, 'pipe')]);
    inputError(
      ['validate', '--config', 'pipe'],
      dir,
      'pipe is not a regular file (it is a named pipe)',
    );
    inputError(
      ['queues', '--requests', 'pipe'],
      dir,
      'pipe is not a regular file (it is a named pipe)',
    );
  });

  it('refuses a named pipe as a repository\u2019s .mailmap, which git would wait on forever', () => {
    const dir = write(fresh('mailmap-fifo'), { 'catalog/org.yaml': TWO_TEAMS });
    const repo = join(dir, 'repo');
    const git = (...args: string[]) =>
      spawnSync('git', args, {
        cwd: repo,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
    mkdirSync(repo);
    git('init', '-q');
    git(
      '-c',
      'user.name=A',
      '-c',
      'user.email=a@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'x',
    );
    spawnSync('mkfifo', [join(repo, '.mailmap')]);
    inputError(
      ['analyze', '--repo', 'repo', '--db', 'store.db'],
      dir,
      'repo/.mailmap is not a regular file',
    );
  });

  it('refuses init into a file with a message, not a stack trace, and leaves the file alone', () => {
    const dir = write(fresh('init-file'), { notes: 'keep me\n' });
    inputError(
      ['init', 'notes'],
      dir,
      'notes is a file; orgwire init writes the starter catalog into a folder.',
    );
  });
});
