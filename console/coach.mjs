#!/usr/bin/env node
// `coach`: drip-coach's operator console. Plain JavaScript so Node 20 runs it
// without a build step: it registers tsx (as `npm start` uses it) and loads
// the TypeScript console.
import { register } from 'tsx/esm/api';

register();
// The AWS SDK warns that Node 20 support ends in 2027; the README says so once.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!warning.message.includes('NodeVersionSupportWarning')) {
    process.stderr.write(`${warning.name}: ${warning.message}\n`);
  }
});
const { processIo, runConsole } = await import('./main.ts');
process.exitCode = await runConsole(process.argv.slice(2), processIo());
