// Scheduled snapshots on the team server: the first comes after a short grace, the next one an
// interval after the last scheduled one in the database (a restarted server does not start the
// clock again), and snapshots past the retention are pruned, the newest few always kept.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { scheduleSnapshots, SCHEDULED_REASON } from '../../../src-server/team/admin/snapshots';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 120, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

const rows = () => demo.team.ctx.db.prepare(`SELECT id, taken_at AS takenAt, reason FROM snapshots ORDER BY taken_at`).all() as { id: string; takenAt: string; reason: string }[];
const scheduled = () => rows().filter((r) => r.reason === SCHEDULED_REASON);
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('scheduled snapshots', () => {
  it('takes one after the grace and then every interval, prunes past the retention, and counts from the last one after a restart', async () => {
    const ctx = demo.team.ctx;
    const insert = ctx.db.prepare(`INSERT INTO snapshots (id, taken_at, reason, taken_by, catalog, assignments) VALUES (?, ?, ?, 'system', '[]', '[]')`);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    insert.run('snap_old', daysAgo(40), '删除标签前：旧');
    insert.run('snap_older', daysAgo(50), '手动快照');
    // Not scheduled by this clock: the server's own default schedule waits a day.
    expect(scheduled()).toHaveLength(0);

    const stop = scheduleSnapshots(ctx, 600, { graceMs: 50, retentionDays: 30 });
    await until(() => scheduled().length === 1);
    const first = scheduled()[0]!;
    expect(first).toMatchObject({ reason: SCHEDULED_REASON });
    // Pruned (40 and 50 days old) only while three newer ones remain; here only one is newer.
    expect(rows().map((r) => r.id)).toContain('snap_old');
    await until(() => scheduled().length === 2);
    const gap = Date.parse(scheduled()[1]!.takenAt) - Date.parse(first.takenAt);
    expect(gap).toBeGreaterThanOrEqual(550);
    await until(() => scheduled().length === 3);
    // Three newer than the retention now: after the fourth, both old ones are gone.
    await until(() => scheduled().length === 4);
    await until(() => !rows().some((r) => r.id === 'snap_old' || r.id === 'snap_older'));
    stop();
    const audit = ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'snapshot.prune'`).pluck().all() as string[];
    expect(audit.length).toBeGreaterThan(0);

    // A restart (a new schedule) waits for the interval since the last scheduled snapshot.
    const before = scheduled().length;
    const again = scheduleSnapshots(ctx, 3000, { graceMs: 50, retentionDays: 30 });
    await new Promise((r) => setTimeout(r, 800));
    expect(scheduled()).toHaveLength(before);
    again();
    // An interval of 0 schedules nothing.
    scheduleSnapshots(ctx, 0)();
  });
});
