import { mimeLimits, parseMime } from '../adapters/mime.ts';
import { PowertoolsLog, withInvocationLog } from '../adapters/powertools-log.ts';
import { createS3RawMailStore } from '../adapters/s3-raw-mail.ts';
import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { coachMetrics, createDeps, loadSigningKeys } from '../wiring.ts';
import { receiptLogKeys } from './events/log-keys.ts';
import { createInboundHandler } from './inbound-handler.ts';

const config = loadConfig(process.env);
if (!config.RAW_MAIL_BUCKET) throw new Error('invalid configuration: RAW_MAIL_BUCKET is missing');
const log = new PowertoolsLog();
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses, {
  logger: log,
  metrics: coachMetrics(),
});

/** SES receipt rule entry point: reads the raw reply from S3 and logs the check-in. */
export const handler = withInvocationLog(
  log,
  receiptLogKeys,
  createInboundHandler({
    ...deps,
    rawMail: createS3RawMailStore(config.RAW_MAIL_BUCKET),
    parseMail: parseMime,
    rawPrefix: config.RAW_MAIL_PREFIX,
    maxRawBytes: mimeLimits.maxBytes,
  }),
  async () => deps.events.flush?.(),
);
