// Near-duplicate pairs (高价值客户 vs VIP客户) with why they look alike — name similarity or
// customers carrying both — and a way into the merge tool that keeps the more used tag.
import type { z } from 'zod';
import type { nearDuplicateSchema } from '../../../src-shared/team-api/admin';
import { t } from '../../i18n/zh-CN';

type Pair = z.infer<typeof nearDuplicateSchema>;
const g = t.governance;

export function DuplicatesPanel({ pairs, customersOf, onMerge }: { pairs: Pair[]; customersOf: (tagId: string) => number; onMerge: (keep: string, from: string) => void }) {
  if (pairs.length === 0) return <p className="muted pad" data-testid="gov-duplicates">{g.dupNone}</p>;
  return (
    <div data-testid="gov-duplicates">
      <p className="hint pad-x gov-top">{g.dupSummary(pairs.length)}</p>
      <ul className="alist">
        {pairs.map((p) => {
          const ca = customersOf(p.a.tagId);
          const cb = customersOf(p.b.tagId);
          const [keep, from] = ca >= cb ? [p.a, p.b] : [p.b, p.a];
          return (
            <li key={`${p.a.tagId}|${p.b.tagId}`} className="gov-drow" data-testid="dup-row" data-a={p.a.tagName} data-b={p.b.tagName}>
              <span className="gov-dpair">
                <span className="gov-dtag">{p.a.tagName}<span className="gov-ugroup">{p.a.groupName} · {ca}</span></span>
                <span className="gov-dvs" aria-hidden="true">≈</span>
                <span className="gov-dtag">{p.b.tagName}<span className="gov-ugroup">{p.b.groupName} · {cb}</span></span>
              </span>
              <span className="gov-dwhy">{p.reason}</span>
              <span className="gov-dscores">
                <span className="pill">{g.dupName(Math.round(p.nameSimilarity * 100))}</span>
                <span className="pill">{g.dupCo(Math.round(p.coOccurrence * 100))}</span>
                <button type="button" className="btn btn-small" aria-label={g.dupMergeLabel(p.a.tagName, p.b.tagName)} data-testid="dup-merge" onClick={() => onMerge(keep.tagId, from.tagId)}>
                  {g.dupMerge}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
