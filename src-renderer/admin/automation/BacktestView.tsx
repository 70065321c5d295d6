// A rule's backtest: how many customers it would fire for and change over the last 30 days,
// the share against the hold limit, and the per-relation diff against today's tags (paged).
import { useState } from 'react';
import type { Backtest } from '../../../src-shared/team-api/automation';
import { t } from '../../i18n/zh-CN';
import { formatNumber, formatWhen } from '../../util/format';

const a = t.automation;
const PAGE = 30;
const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toString()}%`;
const day = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日`;
};

export function BacktestView({ bt, maxShare, stale }: { bt: Backtest; maxShare: number; stale: boolean }) {
  const [shown, setShown] = useState(PAGE);
  const changed = bt.diff.filter((d) => d.add.length || d.remove.length || d.approvals.length || d.refused.length);
  const rest = changed.length - shown;
  return (
    <section className={`auto-bt ${stale ? 'stale' : ''}`} aria-labelledby="bt-h" data-testid="auto-backtest" aria-live="polite">
      <h3 id="bt-h" className="asection-h">
        {a.backtestTitle}
      </h3>
      <p className="hint">{a.backtestRange(day(bt.from), day(bt.to))}</p>
      <div className="auto-bt-figures">
        <div className="auto-fig">
          <span className="auto-fig-n" data-testid="bt-matched">{formatNumber(bt.matchedCustomers)}</span>
          <span className="auto-fig-l">{a.btMatched}</span>
        </div>
        <div className="auto-fig auto-fig-main">
          <span className="auto-fig-n" data-testid="bt-change">{formatNumber(bt.wouldChangeCustomers)}</span>
          <span className="auto-fig-l">{a.btChange}</span>
        </div>
        <div className="auto-fig">
          <span className="auto-fig-n">{formatNumber(bt.alreadyAsToday)}</span>
          <span className="auto-fig-l">{a.btAlready}</span>
        </div>
        <div className="auto-fig">
          <span className="auto-fig-n">{formatNumber(bt.approvals)}</span>
          <span className="auto-fig-l">{a.btApprovals}</span>
        </div>
      </div>
      <div className="auto-share" aria-hidden="true">
        <span className={`auto-share-bar ${bt.wouldHold ? 'over' : ''}`} style={{ width: `${Math.min(100, bt.share * 100 * 4)}%` }} />
        <span className="auto-share-limit" style={{ left: `${Math.min(100, maxShare * 100 * 4)}%` }} />
      </div>
      <p className="hint">
        {a.btRelationsUnit(bt.wouldChangeRelations)} · {a.btShare(pct(bt.share), pct(maxShare))}
      </p>
      {bt.wouldHold ? (
        <p className="auto-warn" role="alert" data-testid="bt-would-hold">
          {a.btWouldHold}
        </p>
      ) : null}
      {changed.length === 0 ? <p className="muted pad">{a.btNothing}</p> : null}
      {changed.length > 0 ? (
        <>
          <h4 className="auto-sub">{a.btDiff}</h4>
          <ul className="alist auto-diff" data-testid="bt-diff">
            {changed.slice(0, shown).map((d) => (
              <li key={`${d.userid}|${d.externalUserid}`} className="auto-diff-row" data-testid="bt-diff-row" data-customer={d.externalUserid}>
                <div className="auto-diff-main">
                  <span className="auto-diff-name">{d.customerName}</span>
                  <span className="auto-diff-when">{formatWhen(d.firedAt)}</span>
                </div>
                <div className="auto-diff-tags">
                  {d.add.map((x) => (
                    <span key={`+${x.tagId}`} className="auto-tag auto-tag-add">+{x.tagName}</span>
                  ))}
                  {d.remove.map((x) => (
                    <span key={`-${x.tagId}`} className="auto-tag auto-tag-remove">−{x.tagName}</span>
                  ))}
                  {d.approvals.map((x) => (
                    <span key={`a${x.tagName}`} className="auto-tag auto-tag-approval">{a.btApproval(x.tagName)}</span>
                  ))}
                  {d.refused.map((x) => (
                    <span key={`r${x.tagName}`} className="auto-tag auto-tag-refused">{a.btRefused(x.tagName, x.why)}</span>
                  ))}
                </div>
                <div className="auto-diff-reason">{d.reason}</div>
              </li>
            ))}
          </ul>
          {rest > 0 ? (
            <button type="button" className="btn btn-small btn-ghost auto-more" onClick={() => setShown((n) => n + PAGE)}>
              {a.btMore(Math.min(PAGE, rest))}
            </button>
          ) : null}
          {bt.truncated ? <p className="hint pad-x">{a.btTruncated}</p> : null}
        </>
      ) : null}
    </section>
  );
}
