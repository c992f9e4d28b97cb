#!/usr/bin/env node
// Restores the lockfile entries of Biome's binaries for other platforms. npm leaves out
// an optional dependency its registry cannot serve, and this workplace's registry serves
// only Biome's Linux binaries; `npm ci` then refuses the lockfile as out of sync with
// package.json. Run this after `npm install` changes package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const biome = lock.packages['node_modules/@biomejs/biome'];
const template = lock.packages['node_modules/@biomejs/cli-linux-x64'];
const PLATFORM = /^@biomejs\/cli-(android|darwin|linux|win32)-(arm64|x64)(-musl)?$/;
let added = 0;
for (const name of Object.keys(biome.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const [, os, cpu, musl] = PLATFORM.exec(name) ?? [];
  if (lock.packages[key] || !os) continue;
  lock.packages[key] = {
    version: biome.optionalDependencies[name],
    cpu: [cpu],
    dev: true,
    ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}),
    license: template.license,
    optional: true,
    os: [os],
    engines: template.engines,
  };
  added++;
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} Biome platform entries restored.`);
