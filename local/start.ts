import { startLocalStack } from './stack.ts';

// The same log lines as in Lambda, printed indented for a person to read.
process.env.POWERTOOLS_DEV ??= 'true';

// `npm start`: the whole coach on this machine, no AWS account needed.
const stack = await startLocalStack();
console.log(`
drip-coach is running.
  Sign up:      ${stack.url}/
  Local inbox:  ${stack.sesUrl}/   (every email the coach sends)
  Replies:      smtp://localhost:${stack.smtpPort} (mail for @${stack.replyDomain}; reply from your mail client or curl)
  Health:       ${stack.url}/healthz
  Dev clock:    curl -X POST ${stack.url}/_dev/clock -H 'content-type: application/json' -d '{"advanceHours": 24}'
Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping drip-coach...');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
