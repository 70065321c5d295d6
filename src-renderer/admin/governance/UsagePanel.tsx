// Usage per tag: customers, when someone last added it, and the 30-day trend as a two-bar
// sparkline (the 30 days before against the last 30); unused tags marked. Paged, 50 at a time.
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { tagUsageSchema } from '../../../src-shared/team-api/admin';
import { t } from '../../i18n/zh-CN';
import { formatNumber, formatWhen } from '../../util/format';

type TagUsage = z.infer<typeof tagUsageSchema>;
const g = t.governance;
const PAGE = 50;

type Filter = 'all' | 'unused' | 'declining';
type Sort = 'customers' | 'lastUsed' | 'name';

export function Trend({ prev, recent }: { prev: number; recent: number }) {
  const max = Math.max(prev, recent, 1);
  const dir = recent > prev ? 'up' : recent < prev ? 'down' : 'flat';
  const label = `${g.trendLabel(prev, recent)}，${dir === 'up' ? g.trendUp : dir === 'down' ? g.trendDown : g.trendFlat}`;
  return (
    <span className={`gov-trend gov-trend-${dir}`} role="img" aria-label={label} title={label} data-testid="usage-trend">
      <svg width="26" height="14" viewBox="0 0 26 14" aria-hidden="true" focusable="false">
        <rect x="2" y={14 - Math.max(1, (prev / max) * 12)} width="9" height={Math.max(1, (prev / max) * 12)} rx="1.5" className="gov-bar-prev" />
        <rect x="14" y={14 - Math.max(1, (recent / max) * 12)} width="9" height={Math.max(1, (recent / max) * 12)} rx="1.5" className="gov-bar-recent" />
      </svg>
      <span className="gov-trend-mark" aria-hidden="true">
        {dir === 'up' ? '↑' : dir === 'down' ? '↓' : '→'}
      </span>
    </span>
  );
}

export function UsagePanel({ tags, unused }: { tags: TagUsage[]; unused: Set<string> }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<Sort>('customers');
  const [text, setText] = useState('');
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(() => {
    const q = text.trim().toLowerCase();
    const list = tags.filter((x) => {
      if (filter === 'unused' && !unused.has(x.tagId)) return false;
      if (filter === 'declining' && !(x.addsLast30Days < x.addsPrevious30Days)) return false;
      return !q || x.tagName.toLowerCase().includes(q) || x.groupName.toLowerCase().includes(q);
    });
    return list.sort((a, b) =>
      sort === 'customers' ? b.customers - a.customers || a.tagName.localeCompare(b.tagName, 'zh-CN')
        : sort === 'lastUsed' ? (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '')
          : a.tagName.localeCompare(b.tagName, 'zh-CN'));
  }, [tags, unused, filter, sort, text]);
  return (
    <div data-testid="gov-usage">
      <div className="filters filters-wrap">
        <input className="input" type="search" aria-label={g.search} placeholder={g.search} value={text} onChange={(e) => { setText(e.target.value); setShown(PAGE); }} />
        <select className="select" aria-label={g.filterAll} value={filter} data-testid="usage-filter" onChange={(e) => { setFilter(e.target.value as Filter); setShown(PAGE); }}>
          <option value="all">{g.filterAll}</option>
          <option value="unused">{g.filterUnused}</option>
          <option value="declining">{g.filterDeclining}</option>
        </select>
        <select className="select" aria-label={g.sortBy} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          <option value="customers">{g.sortCustomers}</option>
          <option value="lastUsed">{g.sortLastUsed}</option>
          <option value="name">{g.sortName}</option>
        </select>
      </div>
      <p className="hint pad-x">{g.usageSummary(tags.length, unused.size)}</p>
      {rows.length === 0 ? <p className="muted pad">{g.noMatch}</p> : null}
      <ul className="alist">
        {rows.slice(0, shown).map((x) => (
          <li key={x.tagId} className={`gov-urow ${unused.has(x.tagId) ? 'gov-unused' : ''}`} data-testid="usage-row" data-tag-name={x.tagName} data-customers={x.customers}>
            <span className="gov-umain">
              <span className="gov-uname">
                {x.tagName} <span className="gov-ugroup">{x.groupName}</span>
                {unused.has(x.tagId) ? <span className="pill gov-pill-warn">{g.unusedBadge}</span> : null}
              </span>
              <span className="gov-umeta">{x.lastUsedAt ? g.lastUsed(formatWhen(x.lastUsedAt)) : g.neverUsed}</span>
            </span>
            <Trend prev={x.addsPrevious30Days} recent={x.addsLast30Days} />
            <span className="gov-ucount">{g.customers(formatNumber(x.customers))}</span>
          </li>
        ))}
      </ul>
      {rows.length > shown ? (
        <button type="button" className="btn btn-small gov-more" onClick={() => setShown(shown + PAGE)}>
          {g.showMore(Math.min(PAGE, rows.length - shown))}
        </button>
      ) : null}
    </div>
  );
}
