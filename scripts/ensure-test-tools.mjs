#!/usr/bin/env node
// The tests drive real tools from Debian's packages: Chromium for the browser tests
// (through playwright-core, never a browser download) and strace for the fault suite's
// kills at each write. This makes sure they are there before `npm test`: present, nothing
// to do; absent and running as root (CI, a fresh developer machine), it installs Debian's
// packages; otherwise it says how to install them and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  { path: '/usr/bin/chromium', pkg: 'chromium', why: 'the browser tests' },
  { path: '/usr/bin/strace', pkg: 'strace', why: "the fault suite's kills" },
];

const missing = TOOLS.filter((tool) => !existsSync(tool.path));
if (missing.length === 0) process.exit(0);
const packages = missing.map((tool) => tool.pkg);

const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
};

if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.error(`Installing Debian's ${packages.join(' and ')} for the tests (apt-get install)…`);
  if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', ...packages])) {
    process.exit(missing.every((tool) => existsSync(tool.path)) ? 0 : 1);
  }
  console.error(`error: apt-get could not install ${packages.join(' and ')}.`);
  process.exit(1);
}
for (const tool of missing) console.error(`error: ${tool.why} need ${tool.path}.`);
console.error(
  `  Install with \`sudo apt-get install -y ${packages.join(' ')}\` (Debian/Ubuntu), then run the tests again.`,
);
process.exit(1);
