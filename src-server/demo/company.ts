// Generates the seeded demo company: staff, the enterprise tag catalog, customers and their
// follow relations with tags. Pure and deterministic — same seed and size, same company; the
// customers of a small company are a prefix of a larger one with the same seed.
import { createRng, weightedPicker, zipfWeights, type Rng } from './rng';
import {
  CITIES, DESCRIPTIONS, GIVEN_CHARS, MOBILE_PREFIXES, PARTNER_CORPS, POSITIONS_PARTNER, REMARK_SUFFIXES,
  SURNAMES, TAG_CATALOG, VALUE_LEVEL_WEIGHTS, type TagGroupOrigin,
} from './vocabulary';
import { DEMO_EPOCH, DEPARTMENTS, PARTNER_CONTACT_OWNERS, STAFF, type DemoDepartment, type DemoStaff, type TagdeskRole } from './staff';

export type { TagdeskRole, DemoDepartment, DemoStaff, TagGroupOrigin };
export { DEMO_EPOCH };

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

export interface DemoTag { id: string; name: string; create_time: number; order: number }
export interface DemoTagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  /** 'app': created by Tagdesk's app, editable by it; 'admin_console': read-only to the app. */
  origin: TagGroupOrigin;
  tags: DemoTag[];
}

export interface DemoCustomer {
  external_userid: string;
  name: string;
  /** 1 = WeChat user, 2 = WeCom user of another company. */
  type: 1 | 2;
  gender: 0 | 1 | 2;
  avatar: string;
  unionid?: string;
  position?: string;
  corp_name?: string;
  corp_full_name?: string;
}

export interface DemoRelation {
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  createtime: number;
  tag_ids: string[];
  remark_corp_name?: string;
  remark_mobiles: string[];
  add_way: number;
  oper_userid: string;
  state?: string;
}

export interface DemoCredentials {
  corpid: string;
  corpName: string;
  /** The customer-contact self-built app. */
  agentid: number;
  corpsecret: string;
  /** Callback settings of the app (WeCom's Token and EncodingAESKey). */
  callbackToken: string;
  encodingAesKey: string;
}

export interface DemoCompany {
  seed: number;
  credentials: DemoCredentials;
  departments: DemoDepartment[];
  /** Everyone, including resigned members (see DemoStaff.resigned). */
  staff: DemoStaff[];
  /** Tagdesk roles by userid: seed metadata for the team server; WeCom has no such concept. */
  roles: Record<string, TagdeskRole>;
  tagGroups: DemoTagGroup[];
  customers: DemoCustomer[];
  relations: DemoRelation[];
}

export interface DemoCompanyOptions {
  seed: number;
  /** Number of customers; 2,000 to 200,000 are the sizes the product is tested with. */
  customers: number;
}

const pickSurname = weightedPicker(SURNAMES.map((s) => s[0]), SURNAMES.map((s) => s[1]));
const pickCity = weightedPicker(CITIES, CITIES.map((c) => c.weight));
const pickAddWay = weightedPicker([1, 2, 3, 4, 5, 6, 16, 0], [30, 20, 12, 10, 8, 8, 6, 6]);
const pickGender = weightedPicker([1, 2, 0] as const, [48, 47, 5]);

function personName(rng: Rng): { surname: string; name: string } {
  const surname = pickSurname(rng);
  const len = rng.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < len; i++) given += GIVEN_CHARS[Math.floor(rng.next() * GIVEN_CHARS.length)];
  return { surname, name: surname + given };
}

function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.chars(8, '0123456789');
}

function buildCatalog(seed: number): DemoTagGroup[] {
  const rng = createRng(seed ^ 0x7a61c0de);
  let t = DEMO_EPOCH - 400 * 86400;
  return TAG_CATALOG.map((g, gi) => {
    t += rng.int(3600, 86400 * 3);
    const groupTime = t;
    return {
      group_id: `et${rng.chars(30, ID_ALPHABET)}`,
      group_name: g.name,
      create_time: groupTime,
      order: (TAG_CATALOG.length - gi) * 10,
      origin: g.origin,
      tags: g.tags.map((name, ti) => ({
        id: `et${rng.chars(30, ID_ALPHABET)}`,
        name,
        create_time: groupTime + ti,
        order: (g.tags.length - ti) * 10,
      })),
    };
  });
}

interface GroupPicker {
  group: DemoTagGroup;
  min: number;
  max: number;
  pick: (rng: Rng) => DemoTag;
  /** For 地域: tag ids by name (region and city). */
  byName: Map<string, string>;
}

function pickers(catalog: DemoTagGroup[]): GroupPicker[] {
  return catalog.map((group, i) => {
    const def = TAG_CATALOG[i]!;
    const weights = def.name === '价值等级' ? [...VALUE_LEVEL_WEIGHTS] : zipfWeights(group.tags.length, def.skew);
    return { group, min: def.perRelation[0], max: def.perRelation[1], pick: weightedPicker(group.tags, weights), byName: new Map(group.tags.map((t) => [t.name, t.id])) };
  });
}

function relationTags(rng: Rng, ps: GroupPicker[], city: { city: string; region: string }, secondary: boolean): string[] {
  const out: string[] = [];
  for (const p of ps) {
    if (p.group.group_name === '地域') {
      if (secondary && rng.chance(0.5)) continue;
      const region = p.byName.get(city.region);
      if (region) out.push(region);
      const cityTag = p.byName.get(city.city);
      if (cityTag && rng.chance(0.6)) out.push(cityTag);
      continue;
    }
    const max = secondary ? Math.min(p.max, 1) : p.max;
    const min = secondary ? 0 : p.min;
    const n = rng.int(min, max);
    // A plain array, not a Set: this runs ~14 times per relation and Sets dominate GC at 200k.
    const start = out.length;
    for (let k = 0; k < n * 3 && out.length - start < n; k++) {
      const id = p.pick(rng).id;
      if (out.indexOf(id, start) === -1) out.push(id);
    }
  }
  return out;
}

export function generateDemoCompany(options: DemoCompanyOptions): DemoCompany {
  const { seed } = options;
  const count = Math.max(0, Math.floor(options.customers));
  const credRng = createRng(seed ^ 0x0c0ffee);
  const credentials: DemoCredentials = {
    corpid: `ww${credRng.chars(16, HEX)}`,
    corpName: '星河智能家居有限公司',
    agentid: 1000002,
    corpsecret: credRng.chars(43, `${ID_ALPHABET}-_`),
    callbackToken: credRng.chars(24, ID_ALPHABET),
    encodingAesKey: credRng.chars(43, ID_ALPHABET),
  };
  const tagGroups = buildCatalog(seed);
  const ps = pickers(tagGroups);

  const followers = STAFF.filter((s) => s.customerContact);
  const pickFollower = weightedPicker(followers, followers.map((s) => s.customerShare));
  const services = STAFF.filter((s) => s.role === 'service' && !s.resigned);
  const supervisors = STAFF.filter((s) => s.role === 'supervisor' && s.customerContact);

  const rng = createRng(seed);
  const customers: DemoCustomer[] = new Array<DemoCustomer>(count);
  const relations: DemoRelation[] = [];
  for (let i = 0; i < count; i++) {
    const partner = rng.chance(0.04);
    const { surname, name } = personName(rng);
    const type: 1 | 2 = partner ? 2 : 1;
    const external_userid = `${partner ? 'wo' : 'wm'}${rng.chars(30, ID_ALPHABET)}`;
    const gender = pickGender(rng);
    const customer: DemoCustomer = {
      external_userid, name, type, gender,
      avatar: `https://wework.qpic.cn/wwhead/demo${rng.chars(20, ID_ALPHABET)}/0`,
    };
    if (partner) {
      const corp = rng.pick(PARTNER_CORPS);
      customer.position = rng.pick(POSITIONS_PARTNER);
      customer.corp_name = corp.short;
      customer.corp_full_name = corp.full;
    } else if (rng.chance(0.8)) {
      customer.unionid = `oz${rng.chars(26, `${ID_ALPHABET}-_`)}`;
    }
    customers[i] = customer;

    const city = pickCity(rng);
    const partnerOwner = partner && rng.chance(0.7) ? rng.pick(PARTNER_CONTACT_OWNERS) : undefined;
    const primary = partnerOwner ? STAFF.find((s) => s.userid === partnerOwner)! : pickFollower(rng);
    const owners: DemoStaff[] = [primary];
    if (!partner && rng.chance(0.22)) owners.push(rng.pick(services));
    if (!partner && rng.chance(0.05)) owners.push(rng.pick(supervisors));
    const ownerSet = new Set<string>();
    const phone = mobile(rng);
    const createBase = DEMO_EPOCH - rng.int(1, 3 * 365) * 86400 - rng.int(0, 86399);
    owners.forEach((owner, oi) => {
      if (ownerSet.has(owner.userid)) return;
      ownerSet.add(owner.userid);
      const addWay = oi > 0 && rng.chance(0.5) ? 201 : pickAddWay(rng);
      const remarkStyle = rng.next();
      const remark = remarkStyle < 0.55 ? `${surname}${rng.pick(REMARK_SUFFIXES)}`
        : remarkStyle < 0.8 ? `${name}-${city.city}` : '';
      const rel: DemoRelation = {
        userid: owner.userid,
        external_userid,
        remark,
        description: rng.chance(0.4) ? rng.pick(DESCRIPTIONS) : '',
        createtime: createBase + oi * rng.int(86400, 86400 * 90),
        tag_ids: relationTags(rng, ps, city, oi > 0),
        remark_mobiles: rng.chance(0.7) ? (rng.chance(0.12) ? [phone, mobile(rng)] : [phone]) : [],
        add_way: addWay,
        oper_userid: addWay === 1 || addWay === 16 ? external_userid : owner.userid,
      };
      if (type === 1 && rng.chance(0.12)) rel.remark_corp_name = rng.pick(PARTNER_CORPS).short;
      if (addWay === 1 && rng.chance(0.4)) rel.state = rng.pick(['展会二维码', '官网联系我', '门店海报']);
      relations.push(rel);
    });
  }

  const roles: Record<string, TagdeskRole> = {};
  for (const s of STAFF) if (!s.resigned) roles[s.userid] = s.role;
  return {
    seed,
    credentials,
    departments: DEPARTMENTS.map((d) => ({ ...d, department_leader: [...d.department_leader] })),
    staff: STAFF.map((s) => ({ ...s })),
    roles,
    tagGroups,
    customers,
    relations,
  };
}
