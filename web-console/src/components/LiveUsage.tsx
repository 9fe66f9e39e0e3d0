import { memo } from 'react';
import type { Instance } from '../api/instances';
import { useTelemetry } from '../live/LiveContext';
import { formatBytes, formatPercent } from '../lib/format';
import { Sparkline } from './Sparkline';

/** CPU or memory of one instance: the latest telemetry figure (else the list's usage) and the last minute. */
export const LiveUsage = memo(function LiveUsage({
  instance,
  kind,
  showSparkline = true,
  width,
  height,
}: {
  instance: Pick<Instance, 'name' | 'usage' | 'memoryMiB' | 'cpu'>;
  kind: 'cpu' | 'memory';
  showSparkline?: boolean;
  width?: number;
  height?: number;
}) {
  const samples = useTelemetry(instance.name);
  const latest = samples[samples.length - 1];
  if (kind === 'cpu') {
    const value = latest?.cpuPercent ?? instance.usage?.cpuPercent;
    return (
      <span className="usage">
        <span className="usage-value" data-testid="cpu-value" data-value={value ?? ''}>
          {formatPercent(value)}
        </span>
        {showSparkline && (
          <Sparkline samples={samples} value={(s) => s.cpuPercent} max={100} label={`CPU of ${instance.name}, last minute`} width={width} height={height} tone="cpu" />
        )}
      </span>
    );
  }
  const value = latest?.memoryBytes ?? instance.usage?.memoryBytes;
  return (
    <span className="usage">
      <span className="usage-value" data-testid="memory-value" data-value={value ?? ''}>
        {formatBytes(value)}
      </span>
      {showSparkline && (
        <Sparkline
          samples={samples}
          value={(s) => s.memoryBytes}
          max={instance.memoryMiB ? instance.memoryMiB * 1024 * 1024 : undefined}
          label={`Memory of ${instance.name}, last minute`}
          width={width}
          height={height}
          tone="mem"
        />
      )}
    </span>
  );
});
