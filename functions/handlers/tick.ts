import { PowertoolsLog, withInvocationLog } from '../adapters/powertools-log.ts';
import { loadConfig } from '../config.ts';
import { tickSendRate } from '../core/send-rate.ts';
import { compiledCourses } from '../generated/templates.ts';
import { coachMetrics, createDeps, loadSigningKeys } from '../wiring.ts';
import { createTickHandler } from './tick-handler.ts';

const config = loadConfig(process.env);
const log = new PowertoolsLog();
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses, {
  logger: log,
  metrics: coachMetrics(),
});
// Read once per cold start: the quota changes rarely, and a raise applies within minutes.
const accountRate = config.SES_MAX_SEND_RATE ?? (await deps.mailer.maxSendRate?.());
if (accountRate === undefined) throw new Error('no SES maximum send rate: set SES_MAX_SEND_RATE');

/** EventBridge-scheduled entry point: sends whatever is due, at the account's pace. */
export const handler = withInvocationLog(
  log,
  () => ({}),
  createTickHandler(deps, { maxSendRate: tickSendRate(accountRate) }),
  async () => deps.events.flush?.(),
);
