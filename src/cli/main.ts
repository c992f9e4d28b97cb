import { processIo } from './io.js';
import { run } from './program.js';

// A reader that stops early (`orgwire analyze | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const status = await run(process.argv.slice(2), processIo());
process.exitCode = status;
