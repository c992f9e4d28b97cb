#!/usr/bin/env node
// Many synthetic git repositories, for the many-repositories ingest benchmark (issue 16).
//
//   node bench/generate-repos.mjs DIR [--repos 1000] [--commits 1000] [--seed 1] [--jobs 2]
//       [--force]
//
// Writes into DIR, the same history for the same flags (one seeded PRNG per repository, so
// the order in which repositories are written and --jobs change nothing):
//
//   gNN/rNNNN.git  bare repositories, in up to 10 group folders (so that `--repo-root DIR`
//                  has to look below the top), each with about --commits commits (drawn
//                  between 0.2× and 1.8× per repository, so the total is about
//                  repos × commits) on `main`, written by one `git fast-import` stream.
//                  Bare, as a server that mirrors an organisation keeps them; orgwire
//                  reads only history and HEAD, so no work tree is needed.
//   repos.txt      every repository, one per line, relative to DIR (for `--repos-from`).
//   repos.json     the flags and counts, written last: its presence means DIR is whole.
//
// The history is shaped like an organisation's: a pool of 2,500 people shared by all
// repositories (a few with a second e-mail address, a few with accented names); each
// repository has a team drawn from a neighbourhood of that pool (repositories of the same
// group share people), a few outsiders, and a handful of top-level components. Each person
// mostly changes one component. After a first scaffold commit, every commit touches 1–5
// files: modifications (mostly of a component's few hot files), additions, some deletions
// and renames (some of them edited too). A few commits carry a Co-authored-by trailer; a
// few are dependabot's, bumping a package.json. Author dates rise over about three years
// (late 2023 to November 2026), each repository starting somewhere in the first nine months.
// Linear history: no merge commits (orgwire skips them by default anyway).
//
// Prints progress to stderr and a summary to stdout. Memory stays small: a repository's
// stream is generated as it is written.
//
// Exit status: 0 when written; 2 when the input is wrong (bad flags, DIR holding an earlier
// run without --force); 1 when git failed.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { since } from './common.mjs';

/** The last author date any repository may reach, and how far back the history goes. */
const END = Date.UTC(2026, 10, 20, 17, 0, 0) / 1000;
const SPAN = Math.round(3 * 365.25 * 86_400);
const START = END - SPAN;
const POOL = 2500;
const MAX_GROUPS = 10;
const DOMAIN = 'bench.orgwire.example';
/** fast-import input is written in chunks of about this many bytes. */
const CHUNK = 256 * 1024;
/** glibc's malloc for git: keep up to 512 MiB of freed heap, grow it 64 MiB at a time. */
const TUNABLES = 'glibc.malloc.trim_threshold=536870912:glibc.malloc.top_pad=67108864';

const DEFAULTS = { repos: 1000, commits: 1000, seed: 1, jobs: 2 };

const USAGE = `Usage: node bench/generate-repos.mjs DIR [--repos N] [--commits N] [--seed N]
                                        [--jobs N] [--force]

Writes N bare git repositories into DIR/gNN/rNNNN.git (up to 10 group folders), with
about --commits commits each, and DIR/repos.txt listing them (for --repos-from).

  --repos N    repositories (default ${DEFAULTS.repos})
  --commits N  commits per repository on average; each draws between 0.2× and 1.8×
               (default ${DEFAULTS.commits})
  --seed N     the random seed (default ${DEFAULTS.seed})
  --jobs N     repositories written at the same time (default ${DEFAULTS.jobs})
  --force      replace what an earlier run wrote into DIR
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { ...DEFAULTS, dir: undefined, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const key = flag.slice(2);
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--force') {
      options.force = true;
    } else if (flag.startsWith('--') && key in DEFAULTS) {
      const value = inline ?? argv[++i];
      const n = Number(value);
      const least = key === 'seed' ? 0 : 1;
      if (!Number.isSafeInteger(n) || n < least) {
        refuse(`${flag} takes a whole number ≥ ${least}, not "${value}".`);
      }
      options[key] = n;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.dir === undefined) {
      options.dir = arg;
    } else {
      refuse(`one DIR only, got "${options.dir}" and "${arg}".`);
    }
  }
  if (options.dir === undefined) refuse('DIR is missing.');
  if (options.repos > 9999) refuse('--repos goes up to 9,999 (rNNNN).');
  return options;
}

// --- randomness ---------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG per part of the output (FNV-1a of seed and name), so parts do not shift each other. */
function stream(seed, name) {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  const random = mulberry32(h);
  const int = (n) => Math.floor(random() * n);
  return {
    random,
    /** A whole number in [0, n). */
    int,
    /** A whole number in [lo, hi]. */
    between: (lo, hi) => lo + int(hi - lo + 1),
    pick: (xs) => xs[int(xs.length)],
    chance: (p) => random() < p,
    /** Index into n items, skewed towards the first (a few files get most changes). */
    skewed: (n, power = 2) => Math.min(n - 1, Math.floor(n * random() ** power)),
  };
}

/** Fisher–Yates, in place, by `r`: the same order on every Node version. */
function shuffle(xs, r) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// --- names --------------------------------------------------------------------------------

const FIRST = `Ada Alan Amara Ana Arjun Astrid Bea Bruno Carla Chen Dana Diego Elif Emil Eva Farah
Felix Gita Hana Hugo Ines Ivan Jana Jonas Kai Kenji Lara Leon Lina Luca Maya Mei Mila Nadia Nils
Noor Olga Omar Pia Priya Rafael Rosa Sami Sara Tariq Teo Una Vera Wen Yara Yusuf Zoe José Zoë
Søren Łukasz Chloé Björn Ingrid Matteo Aiko Kwame`.split(/\s+/);
const LAST = `Abe Bakker Banda Berg Costa Dahl Diaz Eze Falk Fischer Garcia Haas Ito Jansen Kaya
Khan Kim Kowalski Lang Lopez Mensah Meyer Moreau Nair Novak Okafor Ortiz Park Patel Quinn Rossi
Sato Schmidt Silva Singh Sousa Tan Torres Ueda Vargas Wang Weber Xu Yilmaz Zhang Müller Søndergaard
Núñez Öztürk Dvořák`.split(/\s+/);
const COMPONENTS = `api web worker billing auth search payments notifications catalog orders
inventory reports admin mobile infra docs shared sdk cli gateway analytics scheduler ledger
profiles`.split(/\s+/);
const WORDS = `handler client server model schema config router service store cache queue parser
utils types validator mapper adapter controller view form table hooks metrics logger session
token retry limits export import events jobs index errors format query batch stream policy`.split(
  /\s+/,
);
const FOLDERS = ['lib', 'internal', 'handlers'];
const VERBS = ['Fix', 'Add', 'Update', 'Refactor', 'Tidy', 'Speed up', 'Document', 'Test'];
const ZONES = ['+0000', '+0100', '+0200', '-0500', '-0800', '+0530', '+0900', '-0300'];
const DEPENDENCIES = ['lodash', 'zod', 'express', 'react', 'pg', 'axios', 'vitest', 'undici'];
const BOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };

const pad = (n, width) => String(n).padStart(width, '0');
const thousands = (n) => n.toLocaleString('en');
/** An e-mail local part from a name: accents dropped, lower case, letters only. */
const ascii = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/Ł/g, 'L')
    .replace(/Ø/g, 'O')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * The people every repository draws from. A few also commit from a GitHub no-reply address
 * (`alias`), the way one person shows up under two identities.
 */
function authorPool(seed) {
  const r = stream(seed, 'authors');
  const taken = new Map();
  return Array.from({ length: POOL }, (_, i) => {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const name = `${first} ${last}`;
    const local = `${ascii(first)}.${ascii(last)}`;
    const n = (taken.get(local) ?? 0) + 1;
    taken.set(local, n);
    const email = `${local}${n > 1 ? n : ''}@${DOMAIN}`;
    const alias = r.chance(0.12)
      ? `${10_000_000 + i * 7919}+${ascii(first)}${ascii(last).slice(0, 3)}@users.noreply.github.com`
      : undefined;
    return { name, email, alias, zone: r.pick(ZONES) };
  });
}

// --- one repository's history -------------------------------------------------------------

/** Where repository `i` (0-based) of `repos` lives, relative to DIR. */
function repoPath(i, repos) {
  const groups = Math.min(MAX_GROUPS, repos);
  const perGroup = Math.ceil(repos / groups);
  return `g${pad(Math.floor(i / perGroup) + 1, 2)}/r${pad(i + 1, 4)}.git`;
}

/** A file's text at version `v`: a header and the last 24 versions' lines (it churns). */
function fileText(path, v) {
  const lines = [`// ${path}`];
  for (let j = Math.max(1, v - 23); j <= v; j++) {
    lines.push(`export const v${j} = ${(Math.imul(j, 2654435761) >>> 0) % 100000};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The fast-import stream of repository `i`: yields strings, oldest commit first, on
 * refs/heads/main. Returns nothing; `counts` is filled in as it goes.
 */
function* history(i, options, pool, counts) {
  const r = stream(options.seed, `repo:${i}`);
  const n = Math.max(2, Math.round(options.commits * (0.2 + 1.6 * r.random())));
  counts.commits = n;

  // The team: a neighbourhood of the pool near the group's part of it, and a few outsiders.
  const groups = Math.min(MAX_GROUPS, options.repos);
  const group = Math.floor(i / Math.ceil(options.repos / groups));
  const centre = Math.floor(((group + r.random()) * POOL) / groups);
  const size = 3 + r.skewed(28, 1.6);
  const members = new Set();
  for (let k = 0, at = centre; k < size; k++, at += r.between(1, 3)) members.add(at % POOL);
  for (let k = r.int(3); k > 0; k--) members.add(r.int(POOL));
  const team = [...members].map((k) => pool[k]);
  // Activity: Zipf-like, the first few people make most commits.
  const cum = [];
  let total = 0;
  for (let k = 0; k < team.length; k++) {
    total += 1 / (k + 1);
    cum.push(total);
  }
  const whoIndex = () => {
    const x = r.random() * total;
    let k = 0;
    while (cum[k] < x) k++;
    return k;
  };

  const comps = shuffle([...COMPONENTS], r).slice(0, r.between(3, 7));
  const home = team.map(() => r.int(comps.length));
  const files = comps.map(() => []); // per component: { path, v }, oldest first
  const live = new Set();
  const freshPath = (c) => {
    const comp = comps[c];
    const kind = r.random();
    const word = r.pick(WORDS);
    const [dir, ext] =
      kind < 0.6
        ? [`${comp}/src`, '.ts']
        : kind < 0.75
          ? [`${comp}/src/${r.pick(FOLDERS)}`, '.ts']
          : kind < 0.95
            ? [`${comp}/test`, '.test.ts']
            : [`${comp}/docs`, '.md'];
    let path = `${dir}/${word}${ext}`;
    for (let k = 2; live.has(path); k++) path = `${dir}/${word}-${k}${ext}`;
    live.add(path);
    return path;
  };

  // Author dates: evenly spread from this repository's start to near END, with jitter,
  // strictly increasing.
  const first = START + Math.floor(r.random() * 0.25 * SPAN);
  const last = END - Math.floor(r.random() * 0.03 * SPAN);
  const step = (last - first) / n;
  let time = first - 1;
  const nextTime = (k) => {
    time = Math.max(time + 1, Math.round(first + step * (k + 0.5 + 0.8 * (r.random() - 0.5))));
    return time;
  };

  const commit = (who, zone, when, message, ops) => {
    const ident = `${who.name} <${who.email}> ${when} ${zone}`;
    return `commit refs/heads/main\nauthor ${ident}\ncommitter ${ident}\ndata ${Buffer.byteLength(message)}\n${message}\n${ops.join('')}\n`;
  };
  const modify = (path, text) =>
    `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;

  // The scaffold: a README, CODEOWNERS and three files per component, by the top author.
  live.add('README.md').add('.github/CODEOWNERS');
  const scaffold = [modify('README.md', `# r${pad(i + 1, 4)}\n`)];
  scaffold.push(
    modify('.github/CODEOWNERS', comps.map((c) => `/${c}/ @bench-org/${c}-team\n`).join('')),
  );
  comps.forEach((comp, c) => {
    for (const name of ['README.md', 'package.json', 'src/index.ts']) {
      const path = `${comp}/${name}`;
      live.add(path);
      files[c].push({ path, v: 1 });
      scaffold.push(modify(path, fileText(path, 1)));
    }
  });
  yield commit(team[0], team[0].zone, nextTime(0), 'Initial import\n', scaffold);

  for (let k = 1; k < n; k++) {
    const when = nextTime(k);
    if (r.chance(0.03)) {
      // dependabot bumps a component's dependency.
      const c = r.int(comps.length);
      const f = files[c].find((x) => x.path.endsWith('/package.json'));
      if (f) {
        f.v++;
        const dep = r.pick(DEPENDENCIES);
        const message = `Bump ${dep} from 1.${f.v}.0 to 1.${f.v + 1}.0 in /${comps[c]}\n`;
        yield commit(BOT, '+0000', when, message, [modify(f.path, fileText(f.path, f.v))]);
        continue;
      }
    }
    const a = whoIndex();
    const person = team[a];
    const who = person.alias && r.chance(0.3) ? { ...person, email: person.alias } : person;
    const c = r.chance(0.75) ? home[a] : r.int(comps.length);
    const list = files[c];
    const touches = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5][r.int(11)];
    const ops = [];
    const touched = new Set();
    let subject = '';
    for (let t = 0; t < touches; t++) {
      const op = r.random();
      if (op < 0.18 || list.length < 3) {
        const path = freshPath(c);
        list.push({ path, v: 1 });
        touched.add(path);
        ops.push(modify(path, fileText(path, 1)));
        subject ||= `Add ${path.slice(path.lastIndexOf('/') + 1)}`;
        continue;
      }
      const at = r.skewed(list.length, 2.2);
      const f = list[at];
      if (touched.has(f.path)) continue;
      if (op < 0.23 && !f.path.endsWith('/package.json') && !f.path.endsWith('/index.ts')) {
        list.splice(at, 1);
        live.delete(f.path);
        ops.push(`D ${f.path}\n`);
        subject ||= `Remove ${f.path.slice(f.path.lastIndexOf('/') + 1)}`;
      } else if (op < 0.3 && !f.path.endsWith('/package.json') && !f.path.endsWith('/index.ts')) {
        const to = freshPath(c);
        live.delete(f.path);
        ops.push(`R ${f.path} ${to}\n`);
        subject ||= `Move ${f.path.slice(f.path.lastIndexOf('/') + 1)}`;
        f.path = to;
        if (r.chance(0.4)) {
          f.v++;
          ops.push(modify(f.path, fileText(f.path, f.v)));
        }
      } else {
        f.v++;
        ops.push(modify(f.path, fileText(f.path, f.v)));
        subject ||= `${r.pick(VERBS)} ${f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\..*$/, '')}`;
      }
      touched.add(f.path);
    }
    let message = `${subject} in ${comps[c]}\n`;
    if (r.chance(0.03) && team.length > 1) {
      const co = team[(a + 1 + r.int(team.length - 1)) % team.length];
      message += `\nCo-authored-by: ${co.name} <${co.email}>\n`;
    }
    yield commit(who, person.zone, when, message, ops);
  }
  counts.files = live.size;
  yield 'done\n';
}

// --- git ----------------------------------------------------------------------------------

/** The environment without inherited GIT_* variables or system and global config. */
function gitEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return {
    // fast-import's heap grows and shrinks by a few hundred KiB per commit, and glibc hands
    // it back to the kernel each time: the page faults cost more than the import itself
    // (generation takes 2–2.5× as long without this). A GLIBC_TUNABLES of the caller's wins.
    GLIBC_TUNABLES: TUNABLES,
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** Runs git; with `input` (an iterable of strings), streams it to stdin with back-pressure. */
async function git(args, input) {
  const child = spawn('git', args, {
    env: gitEnv(),
    stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const closed = new Promise((resolveClose, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolveClose();
      else reject(new Error(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
  if (input) {
    const stdin = child.stdin;
    let broken = false;
    stdin.on('error', () => {
      broken = true; // an early exit is reported by 'close'
    });
    let buffer = [];
    let size = 0;
    const flush = async () => {
      if (broken || stdin.write(buffer.join(''))) {
        buffer = [];
        size = 0;
        return;
      }
      buffer = [];
      size = 0;
      await Promise.race([once(stdin, 'drain'), closed.catch(() => {})]);
    };
    for (const text of input) {
      buffer.push(text);
      size += text.length;
      if (size >= CHUNK) await flush();
      if (broken) break;
    }
    if (size > 0) await flush();
    stdin.end();
  }
  await closed;
}

async function writeRepo(dir, i, options, pool) {
  const counts = { commits: 0, files: 0 };
  await git(['init', '-q', '--bare', '-b', 'main', dir]);
  await git(
    ['--git-dir', dir, 'fast-import', '--quiet', '--done'],
    history(i, options, pool, counts),
  );
  return counts;
}

// --- main ---------------------------------------------------------------------------------

const OUTPUT = /^(g\d\d|repos\.txt|repos\.json)$/;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const out = resolve(options.dir);
  if (existsSync(out) && !statSync(out).isDirectory()) refuse(`${options.dir} is not a folder.`);
  const present = existsSync(out) ? readdirSync(out).filter((name) => OUTPUT.test(name)) : [];
  if (present.length > 0 && !options.force) {
    refuse(
      `${options.dir} already holds ${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}; pass --force to replace them.`,
    );
  }
  for (const name of present) rmSync(join(out, name), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const stray = readdirSync(out).filter((name) => !OUTPUT.test(name));
  if (stray.length > 0) {
    process.stderr.write(
      `note: ${options.dir} also holds ${stray.join(', ')}; --repo-root ${options.dir} will find any repository there too.\n`,
    );
  }

  const t0 = performance.now();
  const pool = authorPool(options.seed);
  const paths = Array.from({ length: options.repos }, (_, i) => repoPath(i, options.repos));
  const results = new Array(options.repos);
  let next = 0;
  let done = 0;
  let commits = 0;
  const every = Math.max(1, Math.round(options.repos / 20));
  const worker = async () => {
    while (next < options.repos) {
      const i = next++;
      results[i] = await writeRepo(join(out, paths[i]), i, options, pool);
      done++;
      commits += results[i].commits;
      if (done % every === 0 || done === options.repos) {
        process.stderr.write(
          `${thousands(done)}/${thousands(options.repos)} repositories, ${thousands(commits)} commits, ${since(t0)}\n`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, options.repos) }, worker));
  const seconds = (performance.now() - t0) / 1000;

  writeFileSync(join(out, 'repos.txt'), `${paths.join('\n')}\n`);
  const counts = {
    repositories: options.repos,
    groups: new Set(paths.map((p) => p.slice(0, 3))).size,
    commits: results.reduce((s, x) => s + x.commits, 0),
    minCommits: Math.min(...results.map((x) => x.commits)),
    maxCommits: Math.max(...results.map((x) => x.commits)),
    filesAtHead: results.reduce((s, x) => s + x.files, 0),
  };
  writeFileSync(
    join(out, 'repos.json'),
    `${JSON.stringify(
      {
        generator: 'bench/generate-repos.mjs',
        options: { repos: options.repos, commits: options.commits, seed: options.seed },
        counts,
        seconds: Number(seconds.toFixed(1)),
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(
    [
      `${thousands(counts.repositories)} repositories in ${out} (seed ${options.seed}), in ${counts.groups} group folders`,
      `  ${thousands(counts.commits)} commits (${thousands(counts.minCommits)}–${thousands(counts.maxCommits)} a repository), ${thousands(counts.filesAtHead)} files at HEAD`,
      `  written in ${seconds.toFixed(1)} s, ${options.jobs} at a time; list in ${join(out, 'repos.txt')}`,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`\ngenerate-repos failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
