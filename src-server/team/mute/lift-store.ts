// Temporary lifts of mute rules on the team server: who may lift what (a member their own
// rules; a supervisor company rules for their team; an admin for everyone), stored and
// audited when created and when they expire (once, by the sweep or the next read).
import { randomUUID } from 'node:crypto';
import { createLiftSchema, muteLiftSchema, type CreateLift, type MuteLift } from '../../../src-shared/mute/lift';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';

interface LiftRow {
  id: string;
  created_by: string;
  covers: 'own' | 'company';
  member_ids: string;
  target: string;
  rule_id: string | null;
  reason: string;
  from_at: string;
  until_at: string;
}

const toLift = (r: LiftRow): MuteLift => muteLiftSchema.parse({
  id: r.id, createdBy: r.created_by, covers: r.covers, memberIds: JSON.parse(r.member_ids) as unknown, target: JSON.parse(r.target) as unknown,
  ...(r.rule_id !== null ? { ruleId: r.rule_id } : {}), reason: r.reason, from: r.from_at, until: r.until_at,
});

export function createLiftStore(ctx: TeamContext) {
  const insert = ctx.db.prepare(`INSERT INTO mute_lifts (id, created_by, covers, member_ids, target, rule_id, reason, from_at, until_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const openRows = ctx.db.prepare(`SELECT * FROM mute_lifts WHERE expired_at IS NULL ORDER BY from_at`);
  const markExpired = ctx.db.prepare(`UPDATE mute_lifts SET expired_at = ? WHERE id = ? AND expired_at IS NULL`);

  /** Tells the desktops whose verdicts a lift changes (and its creator's) that it began or ended. */
  const announce = (lift: Pick<MuteLift, 'id' | 'createdBy' | 'memberIds'>): void => {
    ctx.events.publish({ kind: 'mute.lifts.changed', liftId: lift.id }, lift.memberIds === '*' ? '*' : [...new Set([...lift.memberIds, lift.createdBy])]);
  };

  const store = {
    /** Records the expiry of lifts whose time is up (audited once); returns how many. */
    expireDue(): number {
      const now = ctx.now();
      const due = (openRows.all() as LiftRow[]).filter((r) => Date.parse(r.until_at) <= now.getTime());
      if (due.length === 0) return 0;
      ctx.db.transaction(() => {
        for (const r of due) {
          if (markExpired.run(now.toISOString(), r.id).changes === 0) continue;
          ctx.audit.append({
            actor: r.created_by, source: 'automation', action: 'mute.lift.expire', target: { kind: 'muteRule', ruleId: r.rule_id ?? '*' },
            before: { liftId: r.id, until: r.until_at }, after: null,
          });
        }
      })();
      for (const r of due) announce(toLift(r));
      return due.length;
    },

    /** Lifts in force now (expired ones are recorded first). */
    active(): MuteLift[] {
      store.expireDue();
      return (openRows.all() as LiftRow[]).map(toLift);
    },

    /** The lifts that change `userid`'s verdicts, or that they created. */
    visibleTo(userid: string): MuteLift[] {
      return store.active().filter((l) => l.createdBy === userid || l.memberIds === '*' || l.memberIds.includes(userid));
    },

    /** Ends a lift early: its creator, or an admin. Audited as mute.lift.end. */
    end(userid: string, id: string): MuteLift {
      const lift = store.active().find((l) => l.id === id);
      if (!lift) throw new TeamHttpError('not_found', `no lift ${id} in force`, '该临时解除不存在或已结束。');
      if (lift.createdBy !== userid && ctx.directory.member(userid)?.role !== 'admin') {
        throw new TeamHttpError('forbidden', `${userid} may not end ${lift.createdBy}'s lift`, '只能结束你自己设置的临时解除。');
      }
      const now = ctx.now().toISOString();
      ctx.db.transaction(() => {
        ctx.db.prepare(`UPDATE mute_lifts SET until_at = ?, expired_at = ? WHERE id = ?`).run(now, now, id);
        ctx.audit.append({
          actor: userid, source: 'ui', action: 'mute.lift.end', target: { kind: 'muteRule', ruleId: lift.ruleId ?? '*' },
          before: { liftId: id, until: lift.until }, after: { liftId: id, until: now },
        });
      })();
      announce(lift);
      return { ...lift, until: now };
    },

    create(userid: string, input: CreateLift): MuteLift {
      const parsed = createLiftSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new TeamHttpError('bad_request', `invalid lift: ${parsed.error.message}`, issue?.message ?? '解除请求有误。', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const req = parsed.data;
      const me = ctx.directory.member(userid);
      if (!me?.active) throw new TeamHttpError('forbidden', `member ${userid} is not active`, '通讯录中没有你的账号或已停用，请联系管理员。');
      const oversees = me.role === 'supervisor' || me.role === 'admin';
      const covers = req.covers ?? (oversees ? 'company' : 'own');
      if (covers === 'company' && !oversees) throw new TeamHttpError('forbidden', 'only supervisors and admins lift company rules', '只有主管或管理员可以临时解除公司规则；你可以解除自己的规则。');
      if (req.ruleId !== undefined) {
        const rule = ctx.policy.current().muteRules.find((r) => r.id === req.ruleId);
        if (!rule) throw new TeamHttpError('not_found', `no mute rule ${req.ruleId}`, '找不到该屏蔽规则。');
        const own = rule.owner.kind === 'member' && rule.owner.memberId === userid;
        if (covers === 'own' ? !own : rule.owner.kind !== 'company') {
          throw new TeamHttpError('forbidden', `lift of ${covers} rules cannot cover rule ${rule.id}`, covers === 'own' ? '只能解除你自己的规则。' : '该规则不是公司规则。');
        }
      }
      const memberIds: MuteLift['memberIds'] = covers === 'own' ? [userid] : me.role === 'admin' ? '*' : ctx.directory.teamOf(me).map((m) => m.userid);
      const from = ctx.now();
      const lift: MuteLift = {
        id: randomUUID(), createdBy: userid, covers, memberIds, target: req.target, ...(req.ruleId !== undefined ? { ruleId: req.ruleId } : {}),
        reason: req.reason, from: from.toISOString(), until: new Date(from.getTime() + req.hours * 3_600_000).toISOString(),
      };
      ctx.db.transaction(() => {
        insert.run(lift.id, userid, covers, JSON.stringify(memberIds), JSON.stringify(lift.target), lift.ruleId ?? null, lift.reason, lift.from, lift.until);
        ctx.audit.append({
          actor: userid, source: 'ui', action: 'mute.lift.create', target: { kind: 'muteRule', ruleId: lift.ruleId ?? '*' },
          before: null, after: { liftId: lift.id, covers, target: lift.target, until: lift.until, reason: lift.reason, hours: req.hours },
        });
      })();
      announce(lift);
      return lift;
    },
  };
  return store;
}

export type LiftStore = ReturnType<typeof createLiftStore>;
