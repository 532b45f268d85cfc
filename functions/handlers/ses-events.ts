import { BatchingSink, fanOut } from '../adapters/course-event-sinks.ts';
import { DailyCounters } from '../adapters/daily-counters.ts';
import { DynamoSentMailRecord } from '../adapters/dynamo-sent-mail.ts';
import { PowertoolsLog, withInvocationLog } from '../adapters/powertools-log.ts';
import { MetricsEventSink } from '../adapters/powertools-metrics.ts';
import { dynamoDbClient } from '../adapters/sdk-clients.ts';
import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { coachMetrics, createStores, systemClock } from '../wiring.ts';
import { sendingEventLogKeys } from './events/log-keys.ts';
import { createSesEventsHandler } from './ses-events-handler.ts';

// Once per cold start: a bad environment fails here, naming the variable.
const config = loadConfig(process.env);
const dynamodb = dynamoDbClient();
const { subscribers, once } = createStores(config, dynamodb);
const log = new PowertoolsLog();
// Send events change nobody; bounces and complaints are counted, once per invocation.
const events = fanOut(
  new MetricsEventSink(coachMetrics(), config.DETAILED_METRICS),
  new BatchingSink(new DailyCounters(dynamodb, config.TABLE_NAME, compiledCourses)),
);

/** EventBridge (or SNS) entry point for SES sends, bounces, complaints and deliveries. */
export const handler = withInvocationLog(
  log,
  sendingEventLogKeys,
  createSesEventsHandler({
    // Only the table: this function sends no mail and verifies no tokens, so it
    // creates neither an SES client nor reads the signing keys (see createDeps).
    subscribers,
    once,
    sendEvents: new DynamoSentMailRecord(dynamodb, config.TABLE_NAME),
    events,
    clock: systemClock,
    log,
    courses: compiledCourses,
  }),
  async () => events.flush?.(),
);
