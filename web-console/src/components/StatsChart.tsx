import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fetchStats, RANGES, toColumns, type StatsMetric, type StatsRange, type StatsSubject } from '../api/stats';

/** 10 s, 1 min, 10 min, 1 h. */
export function stepLabel(seconds: number): string {
  if (seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Whether a canvas can be drawn here (not under jsdom in unit tests). */
const canDraw = typeof navigator !== 'undefined' && !navigator.userAgent.includes('jsdom');

/**
 * One metric over a window, drawn by uPlot (canvas, fast with a year's 8,760 buckets): the average as a line
 * inside the min–max band, a tooltip with the bucket's figures under the cursor, and a live tail: the query is
 * fetched again every bucket step (the server includes the bucket still open).
 */
export function StatsChart({
  subject,
  metric,
  range,
  title,
  format,
  height = 140,
}: {
  subject: StatsSubject;
  metric: StatsMetric;
  range: StatsRange;
  title: string;
  format: (value: number) => string;
  height?: number;
}) {
  const refreshMs = RANGES.find((r) => r.id === range)?.refreshMs ?? 10_000;
  const key = subject.kind === 'cluster' ? 'cluster' : `${subject.kind}:${subject.name}`;
  const stats = useQuery({
    queryKey: ['stats', key, metric, range],
    queryFn: ({ signal }) => fetchStats(subject, metric, range, signal),
    refetchInterval: refreshMs,
  });
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const dataRef = useRef(stats.data);
  dataRef.current = stats.data;

  useEffect(() => {
    const element = box.current;
    if (!element || !canDraw) return;
    let created: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    let cancelled = false;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true }, y: { range: (_u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.1 : 1] } },
      axes: [
        { stroke: '#93a3b8', grid: { stroke: '#243244' }, ticks: { stroke: '#243244' } },
        { stroke: '#93a3b8', grid: { stroke: '#243244' }, ticks: { stroke: '#243244' }, size: 70, values: (_u, ticks) => ticks.map((v) => formatRef.current(v)) },
      ],
      series: [
        {},
        { label: 'min', stroke: 'rgba(59,130,246,0.35)', width: 1 },
        { label: 'avg', stroke: '#3b82f6', width: 1.5 },
        { label: 'max', stroke: 'rgba(59,130,246,0.35)', width: 1 },
      ],
      bands: [{ series: [3, 1], fill: 'rgba(59,130,246,0.15)' }],
      hooks: {
        setCursor: [
          (u) => {
            const el = tip.current;
            const idx = u.cursor.idx;
            if (!el) return;
            if (idx == null || u.data[2][idx] == null) {
              el.hidden = true;
              return;
            }
            const at = new Date((u.data[0][idx] as number) * 1000).toLocaleString();
            const [min, avg, max] = [u.data[1][idx], u.data[2][idx], u.data[3][idx]] as number[];
            el.textContent = `${at} — avg ${formatRef.current(avg)}, min ${formatRef.current(min)}, max ${formatRef.current(max)}`;
            el.hidden = false;
            // Beside the cursor, flipped to its left past the plot's middle so that it stays inside the card.
            const x = (u.cursor.left ?? 0) + u.over.offsetLeft;
            const right = x > u.over.clientWidth / 2;
            el.style.left = right ? '' : `${x + 12}px`;
            el.style.right = right ? `${u.over.offsetParent ? (u.over.offsetParent as HTMLElement).clientWidth - x + 12 : 0}px` : '';
            el.style.top = `${(u.cursor.top ?? 0) + u.over.offsetTop + 28}px`;
          },
        ],
      },
    };
    // Loaded on first use: the plots' library stays out of the console's first load.
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const made = new UPlot(options, toColumns(dataRef.current) as uPlot.AlignedData, element);
      created = made;
      plot.current = made;
      if (typeof ResizeObserver !== 'undefined') {
        resize = new ResizeObserver(() => made.setSize({ width: Math.max(200, element.clientWidth), height }));
        resize.observe(element);
      }
    });
    return () => {
      cancelled = true;
      resize?.disconnect();
      created?.destroy();
      plot.current = null;
    };
  }, [height]);

  useEffect(() => {
    plot.current?.setData(toColumns(stats.data) as uPlot.AlignedData);
  }, [stats.data]);

  const points = stats.data?.points.length ?? 0;
  return (
    <figure className="card stats-chart" data-testid={`stats-${metric}`} data-points={points}>
      <figcaption className="stat-label">
        {title}
        {stats.data && <span className="muted"> · {stepLabel(stats.data.step)} buckets</span>}
      </figcaption>
      <div ref={box} className="stats-plot" style={{ minHeight: height }} />
      <div ref={tip} className="stats-tip" role="tooltip" hidden />
      {stats.isError && <p className="muted">Statistics unavailable: {(stats.error as Error).message}</p>}
      {stats.isSuccess && points === 0 && <p className="muted">No data in this window yet.</p>}
    </figure>
  );
}
