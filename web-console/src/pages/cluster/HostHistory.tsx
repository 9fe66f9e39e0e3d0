import { useState } from 'react';
import type { StatsSubject } from '../../api/stats';
import { StatsPanel } from '../../components/StatsPanel';

/** The history of one host (the sums of its instances) or of the whole cluster, chosen in a select. */
export function HostHistory({ hosts }: { hosts: string[] }) {
  const [choice, setChoice] = useState<string>('');
  const subject: StatsSubject = choice ? { kind: 'host', name: choice } : { kind: 'cluster' };
  return (
    <section className="card panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <label className="field-inline">
        Of{' '}
        <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="History of">
          <option value="">the whole cluster</option>
          {hosts.map((h) => (
            <option key={h} value={h}>
              host {h}
            </option>
          ))}
        </select>
      </label>
      <StatsPanel key={choice || 'cluster'} subject={subject} title={choice ? `Host ${choice}` : 'Cluster'} />
    </section>
  );
}
