// Preloaded into the orgwire process by bench/ingest.mjs (`node --import`): on exit, writes
// the Node process's own peak resident set size (KiB) to $ORGWIRE_BENCH_RSS_FILE. The peak
// of the whole process tree (git children included) comes from /usr/bin/time instead.
import { writeFileSync } from 'node:fs';

const file = process.env.ORGWIRE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
