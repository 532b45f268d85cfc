import { mimeLimits, parseMime } from '../adapters/mime.ts';
import { createS3RawMailStore } from '../adapters/s3-raw-mail.ts';
import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { createDeps, loadSigningKeys } from '../wiring.ts';
import { createInboundHandler } from './inbound-handler.ts';

const config = loadConfig(process.env);
if (!config.RAW_MAIL_BUCKET) throw new Error('invalid configuration: RAW_MAIL_BUCKET is missing');
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses);

/** SES receipt rule entry point: reads the raw reply from S3 and logs the check-in. */
export const handler = createInboundHandler({
  ...deps,
  rawMail: createS3RawMailStore(config.RAW_MAIL_BUCKET),
  parseMail: parseMime,
  rawPrefix: config.RAW_MAIL_PREFIX,
  maxRawBytes: mimeLimits.maxBytes,
});
