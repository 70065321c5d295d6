// The simulated corp's data, indexed for 200,000 customers: the tag catalog with ownership and
// tombstones, customers, follow relations by pair / member / customer, tokens and codes.
import type { DemoCompany, DemoCustomer, DemoRelation, DemoStaff, TagGroupOrigin } from '../demo/company';
import { createRng, type Rng } from '../demo/rng';

export interface SimTag { id: string; name: string; create_time: number; order: number; groupId: string; origin: TagGroupOrigin; deleted: boolean }
export interface SimGroup { group_id: string; group_name: string; create_time: number; order: number; origin: TagGroupOrigin; deleted: boolean; tagIds: string[] }

export const pairKey = (userid: string, external: string): string => `${userid}\u0000${external}`;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class SimState {
  readonly rng: Rng;
  readonly groups = new Map<string, SimGroup>();
  readonly tags = new Map<string, SimTag>();
  activeTagCount = 0;
  readonly customers = new Map<string, DemoCustomer>();
  readonly relations = new Map<string, DemoRelation>();
  readonly byMember = new Map<string, string[]>();
  readonly byCustomer = new Map<string, string[]>();
  readonly members = new Map<string, DemoStaff>();
  readonly resigned = new Map<string, DemoStaff>();

  constructor(readonly company: DemoCompany) {
    this.rng = createRng(company.seed ^ 0x51a7e);
    for (const g of company.tagGroups) {
      this.groups.set(g.group_id, { group_id: g.group_id, group_name: g.group_name, create_time: g.create_time, order: g.order, origin: g.origin, deleted: false, tagIds: g.tags.map((t) => t.id) });
      for (const t of g.tags) {
        this.tags.set(t.id, { ...t, groupId: g.group_id, origin: g.origin, deleted: false });
        this.activeTagCount++;
      }
    }
    for (const s of company.staff) (s.resigned ? this.resigned : this.members).set(s.userid, s);
    for (const c of company.customers) this.customers.set(c.external_userid, c);
    // Relations are copied so simulated writes never change the seed data.
    for (const r of company.relations) this.addRelation({ ...r, tag_ids: [...r.tag_ids], remark_mobiles: [...r.remark_mobiles] });
  }

  newId(prefix: string, length = 30): string {
    return prefix + this.rng.chars(length, ID_ALPHABET);
  }

  // --- relations ------------------------------------------------------------------------------
  relation(userid: string, external: string): DemoRelation | undefined {
    return this.relations.get(pairKey(userid, external));
  }

  addRelation(r: DemoRelation): void {
    const key = pairKey(r.userid, r.external_userid);
    if (this.relations.has(key)) return;
    this.relations.set(key, r);
    let m = this.byMember.get(r.userid);
    if (!m) this.byMember.set(r.userid, (m = []));
    m.push(r.external_userid);
    let c = this.byCustomer.get(r.external_userid);
    if (!c) this.byCustomer.set(r.external_userid, (c = []));
    c.push(r.userid);
  }

  removeRelation(userid: string, external: string): DemoRelation | undefined {
    const key = pairKey(userid, external);
    const r = this.relations.get(key);
    if (!r) return undefined;
    this.relations.delete(key);
    const m = this.byMember.get(userid);
    if (m) m.splice(m.indexOf(external), 1);
    const c = this.byCustomer.get(external);
    if (c) c.splice(c.indexOf(userid), 1);
    return r;
  }

  // --- tag catalog ------------------------------------------------------------------------------
  activeTag(id: string): SimTag | undefined {
    const t = this.tags.get(id);
    return t && !t.deleted ? t : undefined;
  }

  groupByName(name: string): SimGroup | undefined {
    for (const g of this.groups.values()) if (!g.deleted && g.group_name === name) return g;
    return undefined;
  }

  activeTagsOf(g: SimGroup): SimTag[] {
    return g.tagIds.map((id) => this.tags.get(id)!).filter((t) => !t.deleted);
  }

  createGroup(name: string, order: number, origin: TagGroupOrigin, nowSec: number): SimGroup {
    const g: SimGroup = { group_id: this.newId('et'), group_name: name, create_time: nowSec, order, origin, deleted: false, tagIds: [] };
    this.groups.set(g.group_id, g);
    return g;
  }

  createTag(g: SimGroup, name: string, order: number, origin: TagGroupOrigin, nowSec: number): SimTag {
    const t: SimTag = { id: this.newId('et'), name, create_time: nowSec, order, groupId: g.group_id, origin, deleted: false };
    this.tags.set(t.id, t);
    g.tagIds.push(t.id);
    this.activeTagCount++;
    return t;
  }

  /** Tombstones a tag (kept resolvable by id with deleted:true); an emptied group goes with it. Returns the deleted group, if any. */
  deleteTag(id: string): SimGroup | undefined {
    const t = this.activeTag(id);
    if (!t) return undefined;
    t.deleted = true;
    this.activeTagCount--;
    const g = this.groups.get(t.groupId)!;
    if (this.activeTagsOf(g).length === 0 && !g.deleted) {
      g.deleted = true;
      return g;
    }
    return undefined;
  }

  /** Deletes a group and all its tags (one callback for the group, none per tag: DOC 92130). */
  deleteGroup(g: SimGroup): void {
    for (const t of this.activeTagsOf(g)) {
      t.deleted = true;
      this.activeTagCount--;
    }
    g.deleted = true;
  }
}
