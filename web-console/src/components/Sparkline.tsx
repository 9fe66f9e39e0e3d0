import type { Sample } from '../live/telemetry';
import { HISTORY } from '../live/telemetry';

interface SparklineProps {
  samples: Sample[];
  value: (s: Sample) => number;
  /** Fixed top of the scale (e.g. 100 for percent); otherwise the largest value seen. */
  max?: number;
  label: string;
  width?: number;
  height?: number;
  tone?: 'cpu' | 'mem';
}

/** A tiny SVG line of the last minute; cheap enough for every visible row at 1 Hz. */
export function Sparkline({ samples, value, max, label, width = 96, height = 24, tone = 'cpu' }: SparklineProps) {
  const values = samples.map(value);
  const top = Math.max(max ?? 0, ...values, 1e-9);
  const step = width / (HISTORY - 1);
  const offset = (HISTORY - values.length) * step;
  const points = values
    .map((v, i) => `${(offset + i * step).toFixed(1)},${(height - 1 - (Math.max(0, v) / top) * (height - 2)).toFixed(1)}`)
    .join(' ');
  return (
    <svg className={`sparkline sparkline-${tone}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line className="sparkline-base" x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} />
      {values.length > 1 && (
        <>
          <polyline className="sparkline-area" points={`${offset.toFixed(1)},${height} ${points} ${width},${height}`} />
          <polyline className="sparkline-line" points={points} />
        </>
      )}
    </svg>
  );
}
