// The team server's event log: every push is a row first (so a desktop that was away resumes
// from its cursor and misses nothing the log still holds) and then goes live to the open
// streams of its audience. Old rows are trimmed; a cursor older than the log gets `resync`.
import type { ServerResponse } from 'node:http';
import type { TeamDb } from '../store/database';
import type { TeamEvent, TeamEventEnvelope } from '../../../src-shared/team-api/events';

/** Who receives an event: everyone, or these members. */
export type Audience = '*' | string[];

interface Subscriber {
  userid: string;
  deviceId: string;
  send(e: TeamEventEnvelope): void;
  end(): void;
}

export const EVENT_RETENTION_ROWS = 100_000;

export function createEventLog(db: TeamDb, now: () => Date) {
  const insert = db.prepare(`INSERT INTO events (at, kind, audience, body) VALUES (?, ?, ?, ?)`);
  const since = db.prepare(`
    SELECT seq, at, body FROM events
    WHERE seq > ? AND (audience = '*' OR EXISTS (SELECT 1 FROM json_each(events.audience) WHERE value = ?))
    ORDER BY seq LIMIT 1000`);
  const oldest = db.prepare(`SELECT MIN(seq) AS min, MAX(seq) AS max FROM events`);
  const subscribers = new Set<Subscriber>();
  let pendingLive: { env: TeamEventEnvelope; audience: Audience }[] = [];

  const log = {
    /**
     * Appends an event. Call inside the transaction that made the change; the event goes to
     * live streams only after `flush()` (called when that transaction has committed).
     */
    append(event: TeamEvent, audience: Audience): TeamEventEnvelope {
      const at = now().toISOString();
      const seq = Number(insert.run(at, event.kind, audience === '*' ? '*' : JSON.stringify(audience), JSON.stringify(event)).lastInsertRowid);
      const env = { seq, at, event };
      pendingLive.push({ env, audience });
      return env;
    },

    /** Sends appended events to live subscribers. */
    flush(): void {
      const batch = pendingLive;
      pendingLive = [];
      for (const { env, audience } of batch) {
        for (const s of subscribers) if (audience === '*' || audience.includes(s.userid)) s.send(env);
      }
    },

    /** Appends and flushes at once, for events not tied to a larger transaction. */
    publish(event: TeamEvent, audience: Audience): TeamEventEnvelope {
      const env = db.transaction(() => log.append(event, audience))();
      log.flush();
      return env;
    },

    /** Streams a member's events as SSE: first the backlog after `cursor`, then live ones. */
    stream(res: ServerResponse, who: { userid: string; deviceId: string }, cursor: number | null, onClose: (cb: () => void) => void): void {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      const write = (e: TeamEventEnvelope): void => {
        res.write(`id: ${e.seq}\nevent: ${e.event.kind}\ndata: ${JSON.stringify(e)}\n\n`);
      };
      const { min, max } = oldest.get() as { min: number | null; max: number | null };
      let last = cursor ?? max ?? 0;
      if (cursor !== null && min !== null && cursor < min - 1) {
        write({ seq: max ?? 0, at: now().toISOString(), event: { kind: 'resync', reason: 'cursor older than the event log' } });
      } else if (cursor !== null) {
        for (;;) {
          const rows = since.all(last, who.userid) as { seq: number; at: string; body: string }[];
          for (const r of rows) write({ seq: r.seq, at: r.at, event: JSON.parse(r.body) as TeamEvent });
          if (rows.length < 1000) break;
          last = rows[rows.length - 1]!.seq;
        }
      }
      res.write(`: live\n\n`);
      const sub: Subscriber = { ...who, send: write, end: () => res.end() };
      subscribers.add(sub);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      onClose(() => {
        clearInterval(heartbeat);
        subscribers.delete(sub);
      });
    },

    /** Ends the open streams of one device (revoked) or all (shutdown). */
    disconnect(deviceId?: string): void {
      for (const s of subscribers) {
        if (deviceId && s.deviceId !== deviceId) continue;
        subscribers.delete(s);
        s.end();
      }
    },

    trim(): number {
      const { max } = oldest.get() as { max: number | null };
      if (max === null) return 0;
      return db.prepare(`DELETE FROM events WHERE seq <= ?`).run(max - EVENT_RETENTION_ROWS).changes;
    },

    subscriberCount: (): number => subscribers.size,
  };
  return log;
}

export type EventLog = ReturnType<typeof createEventLog>;
