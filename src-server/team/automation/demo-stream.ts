// A realistic, deterministic stream of behaviour events for the demo and tests: most customers
// are quiet, some click a product link in bursts, read materials, fill forms, join and leave
// groups, visit a store, buy (amounts by product), and write chat messages — a few of which
// say things the synonym lists know (「脸有点痒痒的」, 「太贵了」, 😡😡). Same seed, same stream.
import type { BehaviourEvent } from '../../../src-shared/automation/index';
import { createRng } from '../../demo/rng';

export interface DemoStreamOptions {
  seed: number;
  customers: readonly { externalUserid: string; userid: string }[];
  /** The stream covers [end - days, end). */
  end: Date;
  days: number;
}

const PRODUCTS: readonly { name: string; category: string; price: [number, number] }[] = [
  { name: '智能门锁 X3', category: '智能门锁', price: [1299, 2599] },
  { name: '扫地机器人 S10', category: '扫地机器人', price: [1999, 4299] },
  { name: '空气净化器 A5', category: '空气净化器', price: [899, 2999] },
  { name: '净水器 R7', category: '净水器', price: [1599, 3999] },
  { name: '电动牙刷 T2', category: '电动牙刷', price: [199, 599] },
  { name: '咖啡机 C1', category: '咖啡机', price: [999, 3299] },
];
const LINKS = ['https://shop.example.com/p/lock-x3', 'https://shop.example.com/p/robot-s10', 'https://shop.example.com/p/air-a5', 'https://shop.example.com/campaign/free-sample'];
const CHAT = [
  '你好，在吗', '这个什么时候发货', '收到了，谢谢', '好的', '我再看看', '多少钱', '有货吗',
  '太贵了，能便宜点吗', '有优惠吗', '脸有点痒痒的，是不是过敏了', '皮肤有些过敏，用了有点泛红', '质量太差了😡😡', '不满意，我要退货', '👍👍👍 很好用',
];

export function generateDemoStream(opts: DemoStreamOptions): BehaviourEvent[] {
  const rng = createRng(opts.seed);
  const end = opts.end.getTime();
  const start = end - opts.days * 86_400_000;
  const out: BehaviourEvent[] = [];
  let n = 0;
  const id = (): string => `demo-${opts.seed}-${++n}`;
  const at = (t: number): string => new Date(Math.min(end - 1, Math.max(start, Math.round(t)))).toISOString();
  const anyTime = (): number => start + rng.next() * (end - start);
  for (const c of opts.customers) {
    const base = { externalUserid: c.externalUserid, userid: c.userid };
    const activity = rng.next();
    if (activity < 0.45) continue; // most customers do nothing in a month
    // Link clicks come in bursts: a customer interested in a product clicks several times in a few days.
    const bursts = rng.int(0, activity > 0.85 ? 3 : 1);
    for (let b = 0; b < bursts; b++) {
      const t0 = anyTime();
      const url = rng.pick(LINKS);
      const clicks = rng.int(1, 5);
      for (let k = 0; k < clicks; k++) out.push({ ...base, id: id(), kind: 'link_clicked', at: at(t0 + rng.next() * 4 * 86_400_000), url });
    }
    if (rng.chance(0.35)) out.push({ ...base, id: id(), kind: 'material_viewed', at: at(anyTime()), materialId: rng.pick(['brochure-2026', 'video-install', 'case-study-hotel']), seconds: rng.int(3, 600) });
    if (rng.chance(0.12)) out.push({ ...base, id: id(), kind: 'form_submitted', at: at(anyTime()), formId: rng.pick(['trial-apply', 'install-booking']) });
    if (rng.chance(0.15)) {
      const t = anyTime();
      out.push({ ...base, id: id(), kind: 'group_joined', at: at(t), chatId: 'wr-demo-group-1' });
      if (rng.chance(0.3)) out.push({ ...base, id: id(), kind: 'group_left', at: at(t + rng.next() * 10 * 86_400_000), chatId: 'wr-demo-group-1' });
    }
    if (rng.chance(0.1)) out.push({ ...base, id: id(), kind: 'store_visit', at: at(anyTime()), storeId: rng.pick(['sh-xujiahui', 'hz-xihu', 'gz-tianhe']) });
    const purchases = activity > 0.8 ? rng.int(0, 3) : rng.chance(0.1) ? 1 : 0;
    for (let p = 0; p < purchases; p++) {
      const prod = rng.pick(PRODUCTS);
      const orderId = `SO${opts.seed}${String(++n).padStart(6, '0')}`;
      out.push({ ...base, id: `order:${orderId}`, kind: 'purchase', at: at(anyTime()), orderId, amount: rng.int(prod.price[0], prod.price[1]), product: prod.name, category: prod.category });
    }
    const messages = rng.int(0, activity > 0.7 ? 6 : 2);
    for (let m = 0; m < messages; m++) out.push({ ...base, id: id(), kind: 'chat_message', at: at(anyTime()), text: rng.pick(CHAT), from: rng.chance(0.85) ? 'customer' : 'member' });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
}

/**
 * A few events happening now, for the demo's live sender: `count` customers picked from the
 * seeded stream each do one thing, weighted as a shop sees it (clicks and chat most often,
 * purchases rarely). `nextId` numbers them; the caller keeps it unique across runs.
 */
export function liveDemoEvents(rng: ReturnType<typeof createRng>, customers: readonly { externalUserid: string; userid: string }[], now: Date, count: number, nextId: () => string): BehaviourEvent[] {
  if (customers.length === 0) return [];
  const at = now.toISOString();
  const out: BehaviourEvent[] = [];
  for (let i = 0; i < count; i++) {
    const c = rng.pick(customers);
    const base = { externalUserid: c.externalUserid, userid: c.userid, at };
    const kind = rng.weighted(['link_clicked', 'chat_message', 'material_viewed', 'form_submitted', 'store_visit', 'group_joined', 'purchase'] as const, [40, 25, 15, 5, 5, 5, 5]);
    const id = nextId();
    if (kind === 'link_clicked') out.push({ ...base, id, kind, url: rng.pick(LINKS) });
    else if (kind === 'chat_message') out.push({ ...base, id, kind, text: rng.pick(CHAT), from: 'customer' });
    else if (kind === 'material_viewed') out.push({ ...base, id, kind, materialId: rng.pick(['brochure-2026', 'video-install', 'case-study-hotel']), seconds: rng.int(3, 600) });
    else if (kind === 'form_submitted') out.push({ ...base, id, kind, formId: rng.pick(['trial-apply', 'install-booking']) });
    else if (kind === 'store_visit') out.push({ ...base, id, kind, storeId: rng.pick(['sh-xujiahui', 'hz-xihu', 'gz-tianhe']) });
    else if (kind === 'group_joined') out.push({ ...base, id, kind, chatId: 'wr-demo-group-1' });
    else {
      const prod = rng.pick(PRODUCTS);
      out.push({ ...base, id: `order:${id}`, kind, orderId: id, amount: rng.int(prod.price[0], prod.price[1]), product: prod.name, category: prod.category });
    }
  }
  return out;
}
