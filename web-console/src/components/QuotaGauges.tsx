import { useQuery } from '@tanstack/react-query';
import { quotaApi } from '../api/quota';
import { keys } from '../api/keys';
import { formatMiB } from '../lib/format';
import { Gauge } from './Gauge';
import { ErrorBanner } from './ErrorBanner';

const cores = (n: number) => `${n} core${n === 1 ? '' : 's'}`;

export function QuotaGauges() {
  const quota = useQuery({ queryKey: keys.quota, queryFn: ({ signal }) => quotaApi.get(signal) });
  if (quota.isError) return <ErrorBanner what="Quota" error={quota.error} onRetry={() => quota.refetch()} />;
  if (!quota.data) return <div className="gauges" aria-busy="true" />;
  const q = quota.data;
  return (
    <div className="gauges" aria-label="Host quota">
      <Gauge label="CPU" used={q.cpu.allocated} limit={q.cpu.limit} physical={q.cpu.physical} format={cores} testId="gauge-cpu" />
      <Gauge label="Memory" used={q.memoryMiB.allocated} limit={q.memoryMiB.limit} physical={q.memoryMiB.physical} format={formatMiB} testId="gauge-memory" />
    </div>
  );
}
