import { PowertoolsLog, withInvocationLog } from '../adapters/powertools-log.ts';
import { createS3RawMailStore } from '../adapters/s3-raw-mail.ts';
import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { coachMetrics, createDeps, loadSigningKeys } from '../wiring.ts';
import { webLogKeys } from './events/log-keys.ts';
import { createWebHandler } from './web-handler.ts';

// Once per cold start: a bad environment fails here, naming the variable.
const config = loadConfig(process.env);
const log = new PowertoolsLog();
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses, {
  logger: log,
  metrics: coachMetrics(),
});

/** Lambda entry point for the public pages, behind the HTTP API. */
export const handler = withInvocationLog(
  log,
  webLogKeys,
  createWebHandler({
    ...deps,
    // "Delete everything" removes raw replies too; without the bucket it logs and skips them.
    rawMail: config.RAW_MAIL_BUCKET ? createS3RawMailStore(config.RAW_MAIL_BUCKET) : null,
  }),
  async () => deps.events.flush?.(),
);
