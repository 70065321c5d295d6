// "Customer X's tags as of T": pick a customer as the panel's search does (name, pinyin,
// initials, company — or a pasted id; searched on the team server, since an admin's device holds
// only their own customers), pick a moment (or a snapshot's), and see each relation's enterprise
// tags then beside now: kept, added since, removed since.
import { useEffect, useRef, useState } from 'react';
import type { CustomerLookupHit } from '../../../src-shared/team-api/snapshot-restore';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';
import { formatMoment, type Snapshot, type TagsAsOf } from './snapshot-types';

const ID_LIKE = /^w[mo][A-Za-z0-9_-]{6,}$/;
const pad = (n: number) => String(n).padStart(2, '0');
/** The value a datetime-local input takes, in local time. */
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

type Tag = TagsAsOf['relations'][number]['tags'][number];

function TagDiff({ then, now }: { then: Tag[]; now: Tag[] }) {
  const nowIds = new Set(now.map((x) => x.tagId));
  const thenIds = new Set(then.map((x) => x.tagId));
  const rows = [
    ...then.map((x) => ({ tag: x, state: nowIds.has(x.tagId) ? ('same' as const) : ('removed' as const) })),
    ...now.filter((x) => !thenIds.has(x.tagId)).map((x) => ({ tag: x, state: 'added' as const })),
  ];
  if (rows.length === 0) return <p className="muted snap-none">{t.snapshots.noTags}</p>;
  const label = { same: t.snapshots.unchanged, removed: t.snapshots.removedSince, added: t.snapshots.addedSince };
  return (
    <ul className="snap-chips" aria-label={t.snapshots.diffCounts(rows.filter((r) => r.state === 'added').length, rows.filter((r) => r.state === 'removed').length)}>
      {rows.map(({ tag, state }) => (
        <li key={tag.tagId} className={`snap-chip snap-chip-${state}`} data-testid="asof-tag" data-state={state} title={`${tag.groupName ?? ''} · ${label[state]}`}>
          {state === 'added' ? <Icon name="plus" size={9} /> : state === 'removed' ? <Icon name="x" size={9} /> : null}
          <span className="snap-chip-name">{tag.tagName ?? t.snapshots.unknownTag(tag.tagId)}</span>
          <span className="sr-only">（{label[state]}）</span>
        </li>
      ))}
    </ul>
  );
}

export function CustomerAsOf({ snapshots, onLoaded }: { snapshots: Snapshot[] | null; onLoaded: (s: Snapshot[]) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CustomerLookupHit[]>([]);
  const [active, setActive] = useState(0);
  const [customer, setCustomer] = useState<{ externalUserid: string; name: string; members: CustomerLookupHit['members'] } | null>(null);
  const [at, setAt] = useState(() => localInput(new Date(Date.now() - 24 * 3600_000)));
  const [result, setResult] = useState<{ then: TagsAsOf; now: TagsAsOf } | null>(null);
  const [error, setError] = useState<{ where: 'customer' | 'time' | 'general'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const composing = useRef(false);
  const seq = useRef(0);

  useEffect(() => {
    if (snapshots !== null) return;
    void getApi()
      .call['admin.snapshots.list']({})
      .then((r) => r.ok && onLoaded(r.value.snapshots));
  }, [snapshots, onLoaded]);

  const search = async (q: string) => {
    const mine = ++seq.current;
    if (q.trim() === '') return setHits([]);
    const r = await getApi().call['admin.snapshots.findCustomer']({ query: q.trim(), limit: 8 });
    if (mine !== seq.current) return;
    if (!r.ok) return setError({ where: 'customer', message: userMessageOf(r.error) });
    setError(null);
    setHits(r.value.hits);
    setActive(0);
  };

  const pick = (c: { externalUserid: string; name: string; members: CustomerLookupHit['members'] }) => {
    setCustomer(c);
    setHits([]);
    setQuery('');
    setResult(null);
    setError(null);
  };

  const pickFromBox = () => {
    const hit = hits[active];
    if (hit) return pick(hit);
    if (ID_LIKE.test(query.trim())) return pick({ externalUserid: query.trim(), name: query.trim(), members: [] });
    setError({ where: 'customer', message: t.snapshots.noHits });
  };

  const show = async () => {
    if (!customer) return setError({ where: 'customer', message: t.snapshots.needCustomer });
    const when = new Date(at);
    if (!at || Number.isNaN(when.getTime())) return setError({ where: 'time', message: t.snapshots.badTime });
    if (when.getTime() > Date.now()) return setError({ where: 'time', message: t.snapshots.futureTime });
    setBusy(true);
    const [then, now] = await Promise.all([
      getApi().call['admin.customer.tagsAsOf']({ externalUserid: customer.externalUserid, at: when.toISOString() }),
      getApi().call['admin.customer.tagsAsOf']({ externalUserid: customer.externalUserid, at: new Date().toISOString() }),
    ]);
    setBusy(false);
    if (!then.ok) return setError({ where: 'general', message: userMessageOf(then.error) });
    if (!now.ok) return setError({ where: 'general', message: userMessageOf(now.error) });
    setError(null);
    setResult({ then: then.value, now: now.value });
  };

  const members = result ? [...new Set([...result.then.relations.map((r) => r.userid), ...result.now.relations.map((r) => r.userid)])] : [];
  return (
    <div className="efields snap-asof" data-testid="snap-asof">
      <div className="efield">
        <span className="field-label" id="asof-customer-l">
          {t.snapshots.customerLabel}
        </span>
        {customer ? (
          <div className="snap-picked">
            <Icon name="user" size={12} />
            <span className="snap-picked-name" data-testid="asof-customer">
              {customer.name}
            </span>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setCustomer(null)}>
              {t.snapshots.change}
            </button>
          </div>
        ) : (
          <div className="snap-search">
            <input
              className="input"
              data-testid="asof-search"
              aria-labelledby="asof-customer-l"
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls="asof-hits"
              aria-activedescendant={hits[active] ? `asof-hit-${active}` : undefined}
              aria-invalid={error?.where === 'customer' || undefined}
              value={query}
              placeholder={t.snapshots.customerPlaceholder}
              onCompositionStart={() => (composing.current = true)}
              onCompositionEnd={(e) => {
                composing.current = false;
                void search(e.currentTarget.value);
              }}
              onChange={(e) => {
                setQuery(e.target.value);
                if (!composing.current) void search(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  if (hits.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
                } else if (e.key === 'Enter' && !composing.current) {
                  e.preventDefault();
                  pickFromBox();
                }
              }}
            />
            {hits.length > 0 ? (
              <ul className="snap-hits" id="asof-hits" role="listbox" aria-label={t.snapshots.pickHint}>
                {hits.map((h, i) => (
                  <li key={h.externalUserid} id={`asof-hit-${i}`} role="option" aria-selected={i === active} className={`snap-hit ${i === active ? 'active' : ''}`} data-testid="asof-hit" data-id={h.externalUserid} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(h)}>
                    <span className="snap-hit-name">{h.name}</span>
                    <span className="snap-hit-meta">{[h.corpName, t.snapshots.followers(h.followers)].filter(Boolean).join(' · ')}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
        {error?.where === 'customer' ? (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
      <label className="efield">
        <span className="field-label">{t.snapshots.atLabel}</span>
        <input type="datetime-local" step={1} className="input" data-testid="asof-at" value={at} max={localInput(new Date())} onChange={(e) => setAt(e.target.value)} aria-invalid={error?.where === 'time' || undefined} />
      </label>
      {snapshots && snapshots.length > 0 ? (
        <div className="snap-quick" role="group" aria-label={t.snapshots.atSnapshots}>
          {snapshots.slice(0, 4).map((s) => (
            <button key={s.id} type="button" data-testid="asof-quick" className="seg-btn snap-quick-btn" onClick={() => setAt(localInput(new Date(Math.ceil(new Date(s.takenAt).getTime() / 1000) * 1000)))} title={s.reason}>
              {formatMoment(s.takenAt)}
            </button>
          ))}
        </div>
      ) : null}
      {error?.where === 'time' ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="eactions-row form-actions">
        <span className="eactions-note" />
        <button type="button" className="btn btn-small btn-primary" data-testid="asof-show" disabled={busy} onClick={() => void show()}>
          {busy ? t.snapshots.showing : t.snapshots.show}
        </button>
      </div>
      {error?.where === 'general' ? (
        <p className="inline-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {result ? (
        <section className="snap-result" data-testid="asof-result" aria-live="polite">
          <p className="hint">{t.snapshots.basis[result.then.basis]}</p>
          {members.length === 0 ? <p className="muted">{t.snapshots.noRelations}</p> : null}
          {members.map((userid) => {
            const then = result.then.relations.find((r) => r.userid === userid)?.tags ?? [];
            const now = result.now.relations.find((r) => r.userid === userid)?.tags ?? [];
            return (
              <div key={userid} className="snap-rel" data-testid="asof-relation">
                <div className="snap-rel-head">
                  <span>{t.snapshots.member(customer?.members.find((m) => m.userid === userid)?.name ?? userid)}</span>
                  <span className="snap-rel-when">{t.snapshots.thenH(formatMoment(result.then.at))}</span>
                </div>
                <TagDiff then={then} now={now} />
              </div>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
