#!/usr/bin/env node
// The browser tests drive Debian's Chromium through playwright-core (never a browser
// download). This makes sure it is there before `npm test`: present, nothing to do; absent
// and running as root (CI, a fresh developer machine), it installs Debian's package;
// otherwise it says how to install it and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
};

if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.error("Installing Debian's chromium for the browser tests (apt-get install chromium)…");
  if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
    process.exit(existsSync(CHROMIUM) ? 0 : 1);
  }
  console.error('error: apt-get could not install chromium.');
  process.exit(1);
}
console.error(
  `error: the browser tests need Chromium at ${CHROMIUM}.\n  Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), then run the tests again.`,
);
process.exit(1);
