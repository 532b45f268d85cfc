import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CourseEvent } from '../core/course-events.ts';
import {
  type CountedEmail,
  type CounterItem,
  type CounterSnapshot,
  type CounterUpdate,
  counterUpdates,
  sequenceEmails,
} from '../core/stats-counters.ts';
import type { CourseEventSink } from '../ports/course-events.ts';
import { type Doc, DocumentTable } from './document-table.ts';
import { keys } from './table-keys.ts';

function sortKey(item: CounterItem): string {
  if (item.kind === 'day') return keys.statsDay(item.date);
  if (item.kind === 'cohort') return keys.statsCohort(item.week);
  return keys.statsTotal;
}

/** The numbers an item holds, without its keys. */
function countsOf(item: Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name !== 'pk' && name !== 'sk' && typeof value === 'number') counts[name] = value;
  }
  return counts;
}

/**
 * The daily counters `coach stats` reads, on the coach's table: each batch of
 * events becomes one `UpdateItem` with atomic `ADD`s per item it touches
 * (never a read), so concurrent functions never lose a count and the stats
 * read a handful of items whatever the population.
 */
export class DailyCounters implements CourseEventSink {
  private readonly table: DocumentTable;
  private readonly counted: CountedEmail;

  /**
   * `courses` names the emails worth a count (each course's sequence); without
   * it every email sent is counted.
   */
  constructor(
    client: DynamoDBClient,
    tableName: string,
    courses?: Record<string, { sequence: readonly { emailId: string }[] }>,
  ) {
    this.table = new DocumentTable(client, tableName);
    this.counted = courses ? sequenceEmails(courses) : () => true;
  }

  async record(events: readonly CourseEvent[]): Promise<void> {
    await Promise.all(counterUpdates(events, this.counted).map((update) => this.add(update)));
  }

  private async add(update: CounterUpdate): Promise<void> {
    const entries = Object.entries(update.add);
    await this.table.update({
      Key: { ...keys.stats(update.course), sk: sortKey(update.item) },
      UpdateExpression: `ADD ${entries.map((_, i) => `#n${i} :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#n${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(
        entries.map(([, value], i) => [`:v${i}`, value]),
      ),
    });
  }

  /**
   * One course's counters: its day items from `fromDate` to `toDate` and its
   * cohort items from `fromWeek` to `toWeek` (inclusive, `YYYY-MM-DD` and
   * `YYYY-Www`), and its total. Two queries and one read, eventually consistent.
   */
  async read(
    course: string,
    range: { fromDate: string; toDate: string; fromWeek: string; toWeek: string },
  ): Promise<CounterSnapshot> {
    const [days, cohorts, total] = await Promise.all([
      this.between(course, keys.statsDay(range.fromDate), keys.statsDay(range.toDate)),
      this.between(course, keys.statsCohort(range.fromWeek), keys.statsCohort(range.toWeek)),
      this.table.get({ Key: { ...keys.stats(course), sk: keys.statsTotal } }),
    ]);
    return {
      days: days.map((item) => ({
        date: String(item.sk).slice(keys.statsDay('').length),
        counts: countsOf(item),
      })),
      cohorts: cohorts.map((item) => ({
        week: String(item.sk).slice(keys.statsCohort('').length),
        counts: countsOf(item),
      })),
      total: total ? countsOf(total) : {},
    };
  }

  private async between(course: string, low: string, high: string): Promise<Doc[]> {
    const items: Doc[] = [];
    let start: Doc | undefined;
    do {
      const page = await this.table.query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: { ':pk': keys.stats(course).pk, ':low': low, ':high': high },
        ExclusiveStartKey: start,
      });
      items.push(...page.items);
      start = page.next;
    } while (start);
    return items;
  }
}
