// The week before a rule goes live: 7 rows (days) × 24 columns (hours), a cell marked where the
// rule is in force, its shade from how many contacts are quiet then; the contacts and members
// the rule touches; problems the evaluator found.
import type { MutePreviewView } from './preview-types';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function dayLabel(start: Date, d: number): string {
  const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d);
  return `${day.getMonth() + 1}/${day.getDate()} ${t.rules.weekdayLong[(day.getDay() + 6) % 7]}`;
}

export function MuteHeatmap({ preview, ruleId, effect }: { preview: MutePreviewView; ruleId: string; effect: string }) {
  const row = preview.rules.find((r) => r.ruleId === ruleId) ?? preview.rules[0];
  const hours = row?.hours ?? [];
  // Contacts quiet (or suppressed) per hour, summed over members: the shade of a marked cell.
  const perHour = hours.map((_, i) => preview.members.reduce((n, m) => n + ((effect === 'suppress' ? m.suppressed[i] : m.quiet[i]) ?? 0), 0));
  const max = Math.max(1, ...perHour);
  const start = new Date(preview.start);
  const days = Math.ceil(hours.length / 24);
  const on = hours.filter((h) => h > 0).length;
  const members = [...preview.members].filter((m) => m.contacts > 0).sort((a, b) => b.contacts - a.contacts);
  return (
    <section className="heat" data-testid="rule-preview" aria-labelledby="heat-h">
      <div className="heat-head">
        <h3 id="heat-h" className="asection-h">
          {t.rules.heatmapTitle}
        </h3>
        <span className="heat-sum" data-testid="preview-touches">
          {row ? t.rules.touches(row.contacts, row.members) : ''}
        </span>
      </div>
      <div className="heat-grid" role="table" aria-label={t.rules.heatmapLabel} data-testid="heatmap">
        <div className="heat-row heat-axis" role="row">
          <span className="heat-day" role="columnheader" />
          {HOURS.map((h) => (
            <span key={h} className="heat-hour" role="columnheader" aria-label={`${h}:00`}>
              {h % 6 === 0 ? h : ''}
            </span>
          ))}
        </div>
        {Array.from({ length: days }, (_, d) => {
          const label = dayLabel(start, d);
          return (
            <div key={d} className="heat-row" role="row">
              <span className="heat-day" role="rowheader">
                {label}
              </span>
              {HOURS.map((h) => {
                const i = d * 24 + h;
                const marked = (hours[i] ?? 0) > 0;
                const level = marked ? 0.35 + 0.65 * ((perHour[i] ?? 0) / max) : 0;
                return (
                  <span
                    key={h}
                    role="cell"
                    className={`heat-cell ${marked ? 'on' : ''}`}
                    data-on={marked}
                    style={marked ? { opacity: level } : undefined}
                    title={t.rules.heatmapCell(label, h, marked, perHour[i] ?? 0)}
                    aria-label={t.rules.heatmapCell(label, h, marked, perHour[i] ?? 0)}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
      <div className="heat-legend">
        <span className="heat-cell on" aria-hidden="true" /> {t.rules.legendOn}
        <span className="heat-cell" aria-hidden="true" /> {t.rules.legendOff}
        <span className="heat-total">{t.rules.activeHours(on)}</span>
      </div>
      {preview.problems.length > 0 ? (
        <ul className="heat-problems" aria-label={t.rules.problems}>
          {preview.problems.map((p) => (
            <li key={`${p.ruleId}-${p.message}`}>
              <Icon name="alert" size={11} /> {p.name}：{p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {members.length > 0 ? (
        <div className="heat-members">
          <div className="field-label">{t.rules.membersTitle}</div>
          <ul>
            {members.slice(0, 8).map((m) => (
              <li key={m.userid}>
                <span>{m.name}</span>
                <span className="muted">{t.rules.memberContacts(m.contacts)}</span>
              </li>
            ))}
          </ul>
          {members.length > 8 ? <p className="muted">{t.rules.moreMembers(members.length - 8)}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
