// The dashboard's charts, drawn with recharts (loaded only with this screen). Each chart has a
// data table beside it for assistive technology and exact reading; colour is never the only
// signal (every series is named in a legend or label).
import { useId, type ReactNode } from 'react';
import {
  Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, LabelList, Pie, PieChart, ReferenceLine, ResponsiveContainer,
  Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis,
} from 'recharts';
import type { Dashboard } from '../../../src-shared/team-api/dashboard';
import { t } from '../../i18n/zh-CN';
import { formatNumber } from '../../util/format';

const d = t.dashboard;
export const COLORS = { accent: '#1677ff', ok: '#1f9d55', warn: '#d48806', bad: '#d4380d', grey: '#c9cdd4', soft: '#91caff', text2: '#646a73', text3: '#8f959e', line: '#e8eaed' };
const AXIS = { fontSize: 11, fill: COLORS.text2 };
/** Category labels stay on one line at panel width; the full name is in the tooltip and the table. */
const short = (max: number) => (v: unknown): string => { const s = String(v); return s.length > max ? `${s.slice(0, max - 1)}…` : s; };
const TOOLTIP = { contentStyle: { fontSize: 12, borderRadius: 6, border: `1px solid ${COLORS.line}`, padding: '4px 8px' }, labelStyle: { color: COLORS.text2 } };

/** A card with a title, a one-line note, the chart and its data table. */
export function ChartCard({ id, title, note, children, table, tools }: { id: string; title: string; note: string; children: ReactNode; table: ReactNode; tools?: ReactNode }) {
  const h = useId();
  return (
    <section className="dcard" aria-labelledby={h} data-testid={`dash-${id}`}>
      <div className="dcard-top">
        <h3 className="dcard-h" id={h}>{title}</h3>
        {tools}
      </div>
      <p className="dcard-note">{note}</p>
      <div className="dcard-chart" aria-hidden="true">{children}</div>
      {table}
    </section>
  );
}

/** The chart's numbers as a table (read by screen readers and by the end-to-end test). */
export function DataTable({ caption, head, rows, testid }: { caption: string; head: string[]; rows: (string | number)[][]; testid: string }) {
  return (
    <table className="sr-only" data-testid={testid}>
      <caption>{caption}</caption>
      <thead>
        <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])} data-key={String(r[0])}>
            {r.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars with the value at the end: tags, rules, descriptors. */
export function HBars({ data, color = COLORS.accent, labelWidth = 92 }: { data: { name: string; value: number }[]; color?: string; labelWidth?: number }) {
  const height = Math.max(40, data.length * 26 + 8);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 0 }} barCategoryGap={6}>
        <XAxis type="number" hide allowDecimals={false} domain={[0, 'dataMax']} />
        <YAxis type="category" dataKey="name" width={labelWidth} tick={AXIS} tickLine={false} axisLine={false} interval={0} tickFormatter={short(Math.floor(labelWidth / 12))} />
        <Tooltip {...TOOLTIP} cursor={{ fill: '#f5f6f7' }} formatter={(v) => [formatNumber(Number(v)), d.colCustomers]} />
        <Bar dataKey="value" fill={color} radius={[0, 3, 3, 0]} maxBarSize={16} isAnimationActive={false}>
          <LabelList dataKey="value" position="right" style={{ fontSize: 11, fill: COLORS.text2 }} formatter={(v) => formatNumber(Number(v))} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TrendChart({ trend }: { trend: Dashboard['trend'] }) {
  const data = trend.map((p) => ({ ...p, label: p.day.slice(5).replace('-', '/') }));
  return (
    <>
      <ResponsiveContainer width="100%" height={150}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -22 }}>
          <CartesianGrid stroke={COLORS.line} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: COLORS.line }} interval="preserveStartEnd" minTickGap={18} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
          <Tooltip {...TOOLTIP} />
          <Area type="monotone" dataKey="added" name={d.trendAdded} stroke={COLORS.accent} fill={COLORS.accent} fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
          <Area type="monotone" dataKey="removed" name={d.trendRemoved} stroke={COLORS.bad} fill={COLORS.bad} fillOpacity={0.08} strokeWidth={2} strokeDasharray="4 3" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
      <Legend items={[{ label: d.trendAdded, color: COLORS.accent, value: trend.reduce((n, p) => n + p.added, 0) }, { label: d.trendRemoved, color: COLORS.bad, value: trend.reduce((n, p) => n + p.removed, 0), dashed: true }]} />
    </>
  );
}

export function RuleHitsChart({ hits }: { hits: Dashboard['ruleHits'] }) {
  const data = hits.slice(0, 8).map((h) => ({ name: h.ruleName, total: h.assignments, label: h.reverted ? d.rulesLabel(h.assignments, h.reverted) : formatNumber(h.assignments) }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(40, data.length * 26 + 8)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 76, bottom: 4, left: 0 }} barCategoryGap={6}>
        <XAxis type="number" hide allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={110} tick={AXIS} tickLine={false} axisLine={false} interval={0} tickFormatter={short(9)} />
        <Tooltip {...TOOLTIP} cursor={{ fill: '#f5f6f7' }} formatter={(v) => [formatNumber(Number(v)), d.rulesAssignments]} />
        <Bar dataKey="total" name={d.rulesAssignments} fill={COLORS.accent} radius={[0, 3, 3, 0]} maxBarSize={16} isAnimationActive={false}>
          <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: COLORS.text2 }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A donut with the headline figure in its hole. */
export function Donut({ parts, centre, sub }: { parts: { name: string; value: number; color: string }[]; centre: string; sub: string }) {
  const any = parts.some((p) => p.value > 0);
  const data = any ? parts : [{ name: '', value: 1, color: COLORS.line }];
  return (
    <div className="donut">
      <div className="donut-chart">
        <ResponsiveContainer width="100%" height={120}>
          <PieChart>
            <Pie data={data} dataKey="value" nameKey="name" innerRadius={38} outerRadius={54} paddingAngle={any ? 2 : 0} startAngle={90} endAngle={-270} stroke="none" isAnimationActive={false}>
              {data.map((p) => <Cell key={p.name} fill={p.color} />)}
            </Pie>
          </PieChart>
        </ResponsiveContainer>
        <div className="donut-centre">
          <strong>{centre}</strong>
          <span>{sub}</span>
        </div>
      </div>
      <Legend items={parts.map((p) => ({ label: p.name, color: p.color, value: p.value }))} vertical />
    </div>
  );
}

const QUADRANT_POS: Record<string, { x: number; y: number }> = {
  近期高额: { x: 1, y: 1 }, 近期低额: { x: 1, y: -1 }, 久未购买高额: { x: -1, y: 1 }, 久未购买低额: { x: -1, y: -1 },
};
const QUADRANT_COLOR: Record<string, string> = { 近期高额: COLORS.ok, 近期低额: COLORS.accent, 久未购买高额: COLORS.warn, 久未购买低额: COLORS.grey };

/** R × M quadrants: one bubble per quadrant, its area by the number of customers. */
export function RfmQuadrants({ quadrants }: { quadrants: Record<string, number> }) {
  const data = Object.entries(QUADRANT_POS).map(([name, p]) => ({ name, ...p, count: quadrants[name] ?? 0, label: `${name} ${formatNumber(quadrants[name] ?? 0)}` }));
  const max = Math.max(1, ...data.map((x) => x.count));
  return (
    <div className="rfm">
      <span className="rfm-axis rfm-axis-y">{d.rfmHigh} ↑</span>
      <ResponsiveContainer width="100%" height={190}>
        <ScatterChart margin={{ top: 10, right: 10, bottom: 10, left: 10 }}>
          <XAxis type="number" dataKey="x" domain={[-2, 2]} hide />
          <YAxis type="number" dataKey="y" domain={[-2, 2]} hide />
          <ZAxis type="number" dataKey="count" domain={[0, max]} range={[60, 2600]} />
          <ReferenceLine x={0} stroke={COLORS.line} />
          <ReferenceLine y={0} stroke={COLORS.line} />
          <Scatter data={data} isAnimationActive={false}>
            {data.map((p) => <Cell key={p.name} fill={QUADRANT_COLOR[p.name]} fillOpacity={0.75} />)}
            <LabelList dataKey="label" position="bottom" offset={14} style={{ fontSize: 11, fill: COLORS.text2 }} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      <div className="rfm-x"><span>← {d.rfmLongAgo}</span><span>{d.rfmRecent} →</span></div>
    </div>
  );
}

export function Legend({ items, vertical = false }: { items: { label: string; color: string; value?: number; dashed?: boolean }[]; vertical?: boolean }) {
  return (
    <ul className={`dlegend ${vertical ? 'dlegend-v' : ''}`}>
      {items.map((i) => (
        <li key={i.label}>
          <span className={`dswatch ${i.dashed ? 'dswatch-dashed' : ''}`} style={{ background: i.dashed ? undefined : i.color, borderColor: i.color }} />
          <span className="dlegend-label">{i.label}</span>
          {i.value !== undefined ? <span className="dlegend-value">{formatNumber(i.value)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
