import { useDeferredValue, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { auditApi } from '../../api/audit';
import { keys } from '../../api/keys';
import { formatTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { AdminOnly } from './AdminGuard';

export default function AuditPage() {
  return (
    <AdminOnly>
      <Audit />
    </AdminOnly>
  );
}

function Audit() {
  const [limit, setLimit] = useState(200);
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const audit = useQuery({ queryKey: [...keys.audit, limit], queryFn: ({ signal }) => auditApi.list({ limit }, signal), staleTime: 0 });
  const rows = useMemo(() => {
    const words = deferred.toLowerCase().split(/\s+/).filter(Boolean);
    return (audit.data ?? []).filter((e) => {
      const text = `${e.username} ${e.action} ${e.target} ${e.address} ${e.outcome}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [audit.data, deferred]);

  return (
    <section className="page" aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">Audit log</h1>
        <button type="button" className="btn" onClick={() => audit.refetch()} disabled={audit.isFetching}>
          {audit.isFetching ? 'Loading…' : 'Refresh'}
        </button>
      </header>
      <div className="toolbar" role="search">
        <label className="sr-only" htmlFor="audit-search">
          Search the audit log
        </label>
        <input id="audit-search" type="search" placeholder="Filter by user, action, target, address…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label htmlFor="audit-limit" className="muted">
          Last
        </label>
        <select id="audit-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {[100, 200, 500, 1000].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {audit.isError && <ErrorBanner what="Audit log" error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.isPending && <Loading what="the audit log" />}
      {audit.data && (
        <div className="table-scroll card">
          <table className="data-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">No entries.</td>
                </tr>
              )}
              {rows.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="nowrap">{formatTime(e.at)}</td>
                  <td>{e.username}</td>
                  <td className="mono">{e.action}</td>
                  <td>{e.target}</td>
                  <td className="mono">{e.address}</td>
                  <td>
                    <span className={`badge badge-${outcomeTone(e.outcome)}`}>{e.outcome}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Done (1xx, 2xx: a socket opened, a request served) or refused and failed (4xx, 5xx). */
function outcomeTone(outcome: string): 'ok' | 'err' | 'muted' {
  if (/^[12]\d\d$/.test(outcome)) return 'ok';
  if (/^[45]\d\d$/.test(outcome)) return 'err';
  return 'muted';
}
