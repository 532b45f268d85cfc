import type { SuppressionRecord } from '../core/erasure.ts';
import type { CheckIn, InboundLogEntry, SendRecord } from '../core/records.ts';
import { dueAt, type Subscriber } from '../core/subscriber.ts';
import type {
  CheckIns,
  ClaimState,
  DueIndex,
  DuePage,
  InboundLog,
  OnceClaims,
  SendLedger,
  SendOutcome,
  Stores,
  Subscribers,
  Suppressions,
} from '../ports/stores.ts';

/** Stored values are copies, so a caller changing its object changes nothing kept. */
const copy = <T>(value: T): T => structuredClone(value);

/** Everything the memory stores keep, shared between them as one table would be. */
class MemoryTable {
  readonly profiles = new Map<string, Subscriber>();
  readonly lookups = new Map<string, string>();
  readonly sends = new Map<string, SendRecord>();
  readonly checkIns = new Map<string, CheckIn>();
  readonly inbound = new Map<string, InboundLogEntry>();
  readonly once = new Set<string>();
  readonly suppressions = new Map<string, SuppressionRecord>();

  /** One subscriber's records in `map` (keys start with the id and a slash), in key order, copied. */
  under<T>(map: Map<string, T>, subscriberId: string): T[] {
    return [...map.entries()]
      .filter(([key]) => key.startsWith(`${subscriberId}/`))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, value]) => copy(value));
  }

  /** The keys `under` reads, for deleting them. */
  keysUnder<T>(map: Map<string, T>, subscriberId: string): string[] {
    return [...map.keys()].filter((key) => key.startsWith(`${subscriberId}/`));
  }
}

class MemorySubscribers implements Subscribers {
  constructor(private readonly t: MemoryTable) {}

  async get(id: string): Promise<Subscriber | null> {
    const found = this.t.profiles.get(id);
    return found ? copy(found) : null;
  }

  async findIdByEmail(email: string): Promise<string | null> {
    return this.t.lookups.get(email) ?? null;
  }

  async claimEmail(email: string, id: string): Promise<string> {
    const holder = this.t.lookups.get(email);
    if (holder) return holder;
    this.t.lookups.set(email, id);
    return id;
  }

  async save(state: Subscriber): Promise<boolean> {
    const stored = this.t.profiles.get(state.id);
    if (state.version === 0 ? stored !== undefined : stored?.version !== state.version) {
      return false;
    }
    this.t.profiles.set(state.id, copy({ ...state, version: state.version + 1 }));
    return true;
  }

  async erase(subscriberId: string, email: string): Promise<{ items: number; rawKeys: string[] }> {
    const rawKeys: string[] = [];
    let items = 0;
    for (const map of [this.t.sends, this.t.checkIns, this.t.inbound] as Map<
      string,
      { rawKey?: string | null }
    >[]) {
      for (const key of this.t.keysUnder(map, subscriberId)) {
        const rawKey = map.get(key)?.rawKey;
        if (rawKey) rawKeys.push(rawKey);
        map.delete(key);
        items++;
      }
    }
    if (this.t.lookups.get(email) === subscriberId) this.t.lookups.delete(email);
    if (this.t.profiles.delete(subscriberId)) items++;
    return { items, rawKeys };
  }
}

class MemoryDueIndex implements DueIndex {
  constructor(private readonly t: MemoryTable) {}

  /** `<dueAt>#<id>` of every profile with something due, in due order. */
  private entries(): string[] {
    return [...this.t.profiles.values()]
      .flatMap((s) => {
        const at = dueAt(s);
        return at ? [`${at}#${s.id}`] : [];
      })
      .sort();
  }

  async list(now: Date, limit: number, after: string | null = null): Promise<DuePage> {
    const upper = `${now.toISOString()}$`;
    const page = this.entries()
      .filter((entry) => entry < upper && (after === null || entry > after))
      .slice(0, limit);
    const last = page.length === limit ? page[page.length - 1] : undefined;
    return { ids: page.map((e) => e.slice(e.indexOf('#') + 1)), next: last ?? null };
  }

  async earliest(): Promise<Date | null> {
    const first = this.entries()[0];
    return first ? new Date(first.slice(0, first.indexOf('#'))) : null;
  }
}

class MemorySendLedger implements SendLedger {
  constructor(private readonly t: MemoryTable) {}

  async claim(record: SendRecord): Promise<SendRecord | null> {
    const key = `${record.subscriberId}/${record.sendKey}`;
    const existing = this.t.sends.get(key);
    if (existing) return copy(existing);
    this.t.sends.set(key, copy(record));
    return null;
  }

  async reclaim(
    subscriberId: string,
    sendKey: string,
    from: ClaimState,
    claimedAt: string,
  ): Promise<boolean> {
    const record = this.t.sends.get(`${subscriberId}/${sendKey}`);
    if (record?.status !== from.status || record.claimedAt !== from.claimedAt) return false;
    const { reason: _dropped, ...rest } = record;
    this.t.sends.set(`${subscriberId}/${sendKey}`, { ...rest, status: 'claimed', claimedAt });
    return true;
  }

  async finish(
    subscriberId: string,
    sendKey: string,
    outcome: SendOutcome,
    onlyIf?: ClaimState,
  ): Promise<boolean> {
    const key = `${subscriberId}/${sendKey}`;
    const record = this.t.sends.get(key);
    if (!record) {
      if (onlyIf) return false;
      throw new Error(`no send ${sendKey} claimed for ${subscriberId}`);
    }
    if (onlyIf && (record.status !== onlyIf.status || record.claimedAt !== onlyIf.claimedAt)) {
      return false;
    }
    const given = Object.fromEntries(Object.entries(outcome).filter(([, v]) => v !== undefined));
    this.t.sends.set(key, { ...record, ...given });
    return true;
  }

  async list(subscriberId: string): Promise<SendRecord[]> {
    return this.t.under(this.t.sends, subscriberId);
  }
}

class MemoryCheckIns implements CheckIns {
  constructor(private readonly t: MemoryTable) {}

  async add(checkIn: CheckIn): Promise<void> {
    this.t.checkIns.set(`${checkIn.subscriberId}/${checkIn.at}#${checkIn.id}`, copy(checkIn));
  }

  async list(subscriberId: string, limit?: number): Promise<CheckIn[]> {
    const newestFirst = this.t.under(this.t.checkIns, subscriberId).reverse();
    return newestFirst.slice(0, limit ?? newestFirst.length);
  }
}

class MemoryInboundLog implements InboundLog {
  constructor(private readonly t: MemoryTable) {}

  async add(entry: InboundLogEntry): Promise<void> {
    // Unfiled outcomes (no subscriber) live apart, as the table files them by day.
    const owner = entry.subscriberId ?? `unfiled:${entry.at.slice(0, 10)}`;
    this.t.inbound.set(`${owner}/${entry.at}#${entry.id}`, copy(entry));
  }

  async list(subscriberId: string): Promise<InboundLogEntry[]> {
    return this.t.under(this.t.inbound, subscriberId);
  }
}

class MemoryOnceClaims implements OnceClaims {
  constructor(private readonly t: MemoryTable) {}

  async claim(scope: string, id: string): Promise<boolean> {
    const key = `${scope}/${id}`;
    if (this.t.once.has(key)) return false;
    this.t.once.add(key);
    return true;
  }

  async release(scope: string, id: string): Promise<void> {
    this.t.once.delete(`${scope}/${id}`);
  }
}

class MemorySuppressions implements Suppressions {
  constructor(private readonly t: MemoryTable) {}

  async add(record: SuppressionRecord): Promise<void> {
    this.t.suppressions.set(`${record.kid}#${record.hash}`, copy(record));
  }
}

/**
 * Every store in memory, with the same behaviour as the DynamoDB stores (the
 * same contract tests hold both): conditional saves, claims, paging. For fast
 * use-case tests, never for data that must survive the process.
 */
export function memoryStores(): Stores & { suppressed(): SuppressionRecord[] } {
  const t = new MemoryTable();
  return {
    subscribers: new MemorySubscribers(t),
    due: new MemoryDueIndex(t),
    ledger: new MemorySendLedger(t),
    checkIns: new MemoryCheckIns(t),
    inbound: new MemoryInboundLog(t),
    once: new MemoryOnceClaims(t),
    suppressions: new MemorySuppressions(t),
    suppressed: () => [...t.suppressions.values()].map(copy),
  };
}
