import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { clusterApi, hostNames } from '../../api/cluster';
import { coresApi, hpcKeys } from '../../api/hpc';
import { keys } from '../../api/keys';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

export const CORES_REFRESH_MS = 5000;

/** A host's cores by NUMA node, each marked with the instance pinned to it (free ones run shared instances). */
export default function CoreMapPage() {
  const cluster = useQuery({ queryKey: keys.cluster, queryFn: ({ signal }) => clusterApi.get(signal) });
  const names = hostNames(cluster.data);
  const [chosen, setChosen] = useState<string | null>(null);
  const host = chosen ?? names[0] ?? null;
  const cores = useQuery({
    queryKey: hpcKeys.cores(host ?? ''),
    queryFn: ({ signal }) => coresApi.get(host!, signal),
    enabled: !!host,
    refetchInterval: CORES_REFRESH_MS,
  });
  if (cluster.isError) return <ErrorBanner what="Hosts" error={cluster.error} onRetry={() => cluster.refetch()} />;
  if (!cluster.data) return <Loading what="hosts" />;
  return (
    <section className="page" aria-labelledby="cores-title">
      <header className="page-header">
        <h1 id="cores-title">Core map</h1>
        <label>
          Host{' '}
          <select value={host ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </header>
      {cores.isError && <ErrorBanner what="Core map" error={cores.error} onRetry={() => cores.refetch()} />}
      {cores.data && (
        <>
          {cores.data.simulated && <p className="muted" data-testid="cores-simulated">NUMA nodes or GPUs simulated by settings; pins name real CPUs.</p>}
          {cores.data.numaNodes.map((node) => (
            <section key={node.id} className="card panel" aria-label={`NUMA node ${node.id}`}>
              <h2>NUMA node {node.id}</h2>
              <ul className="core-grid">
                {cores.data.cores.filter((c) => c.numaNode === node.id).map((c) => (
                  <li key={c.cpu} data-testid="core" data-cpu={c.cpu} className={c.pinnedTo ? 'core pinned' : 'core'}>
                    CPU {c.cpu}: {c.pinnedTo ?? 'free'}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {cores.data.gpus.length > 0 && (
            <section className="card panel" aria-label="GPUs">
              <h2>GPUs</h2>
              <ul>
                {cores.data.gpus.map((g) => (
                  <li key={g.pci} data-testid="gpu">{g.pci} {g.product}: {g.heldBy ?? 'free'}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
