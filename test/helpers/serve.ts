import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve('bin/orgwire.js');

export interface Served {
  url: string;
  process: ChildProcess;
  stderr: () => string;
  /** Stops the server with SIGTERM and resolves with its exit status. */
  stop(): Promise<number | null>;
}

/**
 * Starts the built `orgwire serve` with `args` in `cwd` and resolves once it prints its
 * URL; rejects with what it printed if it exits first.
 */
export function serveCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveServed, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`orgwire serve printed no URL in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /http:\/\/[^\s]+\//.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolveServed({
        url: match[0],
        process: child,
        stderr: () => stderr,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`orgwire serve exited with ${code} before serving:\n${stderr}`));
    });
  });
}
