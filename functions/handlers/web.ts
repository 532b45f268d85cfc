import { S3Client } from '@aws-sdk/client-s3';
import { S3RawMailStore } from '../adapters/s3-raw-mail.ts';
import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { createDeps, loadSigningKeys } from '../wiring.ts';
import { createWebHandler } from './web-handler.ts';

// Once per cold start: a bad environment fails here, naming the variable.
const config = loadConfig(process.env);
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses);

/** Lambda function URL entry point for the public pages. */
export const handler = createWebHandler({
  ...deps,
  // "Delete everything" removes raw replies too; without the bucket it logs and skips them.
  rawMail: config.RAW_MAIL_BUCKET
    ? new S3RawMailStore(new S3Client({}), config.RAW_MAIL_BUCKET)
    : null,
});
