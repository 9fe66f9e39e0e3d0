import { useState } from 'react';
import { RANGES, type StatsMetric, type StatsRange, type StatsSubject } from '../api/stats';
import { formatBytes } from '../lib/format';
import { StatsChart } from './StatsChart';

const CHARTS: Array<{ metric: StatsMetric; title: string; format: (v: number) => string }> = [
  { metric: 'cpu', title: 'CPU (% of one core)', format: (v) => `${v.toFixed(v >= 10 ? 0 : 1)} %` },
  { metric: 'memory', title: 'Memory', format: (v) => formatBytes(v, 0) },
  { metric: 'diskRead', title: 'Disk read', format: (v) => `${formatBytes(v, 0)}/s` },
  { metric: 'diskWrite', title: 'Disk write', format: (v) => `${formatBytes(v, 0)}/s` },
  { metric: 'netRx', title: 'Network received', format: (v) => `${formatBytes(v, 0)}/s` },
  { metric: 'netTx', title: 'Network sent', format: (v) => `${formatBytes(v, 0)}/s` },
];

/** The history of an instance, a host or the cluster: one plot per metric over the chosen window. */
export function StatsPanel({ subject, title = 'History' }: { subject: StatsSubject; title?: string }) {
  const [range, setRange] = useState<StatsRange>('hour');
  return (
    <section className="stats-panel" aria-label={title}>
      <div className="stats-head">
        <h2 className="stat-label">{title}</h2>
        <div className="btn-group" role="group" aria-label="Window">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              className={`btn btn-small${r.id === range ? ' btn-primary' : ''}`}
              aria-pressed={r.id === range}
              onClick={() => setRange(r.id)}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <div className="stats-grid">
        {CHARTS.map((c) => (
          <StatsChart key={c.metric} subject={subject} metric={c.metric} range={range} title={c.title} format={c.format} />
        ))}
      </div>
    </section>
  );
}
