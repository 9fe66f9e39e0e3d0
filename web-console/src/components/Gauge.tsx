interface GaugeProps {
  label: string;
  used: number;
  limit: number;
  physical?: number;
  format: (n: number) => string;
  testId?: string;
  /** For a table cell: no card and no footer, the label only for screen readers. */
  compact?: boolean;
}

/** Allocated vs limit, as a bar with a meter role; over the limit shows in red (reported, not failed). */
export function Gauge({ label, used, limit, physical, format, testId, compact }: GaugeProps) {
  const ratio = limit > 0 ? used / limit : 0;
  const percent = Math.min(100, Math.round(ratio * 100));
  const tone = ratio > 1 ? 'err' : ratio >= 0.85 ? 'warn' : 'ok';
  return (
    <div className={compact ? 'gauge gauge-compact' : 'gauge card'} data-testid={testId}>
      <div className="gauge-head">
        <span className={compact ? 'sr-only' : 'gauge-label'}>{label}</span>
        <span className="gauge-value">
          {format(used)} <span className="muted">/ {format(limit)}</span>
        </span>
      </div>
      <div
        className="gauge-track"
        role="meter"
        aria-label={`${label} allocated`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={`${format(used)} of ${format(limit)} allocated (${Math.round(ratio * 100)}%)`}
      >
        <div className={`gauge-fill gauge-${tone}`} style={{ width: `${percent}%` }} />
      </div>
      {!compact && (
        <div className="gauge-foot muted">
          {Math.round(ratio * 100)}% allocated{physical !== undefined ? ` · physical ${format(physical)}` : ''}
          {ratio > 1 && <strong className="text-err"> · over the limit</strong>}
        </div>
      )}
    </div>
  );
}
