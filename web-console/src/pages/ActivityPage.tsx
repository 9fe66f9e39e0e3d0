import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { jobsApi, type JobState } from '../api/jobs';
import { keys } from '../api/keys';
import { useCapabilities } from '../auth/capabilities';
import { useActivity, useConnection } from '../live/LiveContext';
import { activity } from '../live/activity';
import { formatClock, formatTime, relativeTime } from '../lib/format';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorBanner, Loading } from '../components/ErrorBanner';

const JOB_STATES: JobState[] = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED'];

export function ActivityPage() {
  const caps = useCapabilities();
  return (
    <section className="page" aria-labelledby="activity-title">
      <header className="page-header">
        <h1 id="activity-title">Activity</h1>
      </header>
      <div className="stack">
        <LiveLog />
        {caps.has('jobs') && <RecentJobs />}
      </div>
    </section>
  );
}

function LiveLog() {
  const entries = useActivity();
  const connection = useConnection();
  const [channel, setChannel] = useState('');
  const shown = useMemo(() => (channel ? entries.filter((e) => e.channel === channel) : entries), [entries, channel]);
  return (
    <section className="card panel" aria-labelledby="live-log-title">
      <header className="panel-header">
        <h2 id="live-log-title">Live events</h2>
        <div className="panel-tools">
          <label className="sr-only" htmlFor="log-channel">
            Channel
          </label>
          <select id="log-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">All</option>
            <option value="jobs">Jobs</option>
            <option value="instances">Instances</option>
          </select>
          <button type="button" className="btn btn-small" onClick={() => activity.clear()}>
            Clear
          </button>
        </div>
      </header>
      {connection !== 'open' && <p className="muted">The event stream is {connection === 'closed' ? 'reconnecting' : connection}…</p>}
      {shown.length === 0 ? (
        <p className="muted">Nothing yet: job changes and instance events appear here as they happen.</p>
      ) : (
        <ol className="log" aria-live="polite" aria-label="Live events" data-testid="activity-log">
          {shown.map((e) => (
            <li key={e.id} className={`log-entry log-${e.level}`}>
              <time dateTime={e.at} className="log-time">
                {formatClock(e.at)}
              </time>
              <span className="log-channel">{e.channel}</span>
              <span className="log-summary">
                {e.instance && e.parts ? (
                  <>
                    {e.parts[0]}
                    <Link to={`/instances/${encodeURIComponent(e.instance)}`}>{e.instance}</Link>
                    {e.parts[1]}
                  </>
                ) : (
                  e.summary
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function RecentJobs() {
  const [state, setState] = useState<JobState | ''>('');
  const jobs = useQuery({
    queryKey: [...keys.jobs, { state }],
    queryFn: ({ signal }) => jobsApi.list({ state, limit: 100 }, signal),
  });
  return (
    <section className="card panel" aria-labelledby="jobs-title">
      <header className="panel-header">
        <h2 id="jobs-title">Recent jobs</h2>
        <div className="panel-tools">
          <label className="sr-only" htmlFor="job-state">
            State
          </label>
          <select id="job-state" value={state} onChange={(e) => setState(e.target.value as JobState | '')}>
            <option value="">All states</option>
            {JOB_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </header>
      {jobs.isError && <ErrorBanner what="Jobs" error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.isPending && <Loading what="jobs" />}
      {jobs.data && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Instance</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Created</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No jobs.
                  </td>
                </tr>
              )}
              {jobs.data.map((job) => (
                <tr key={job.id}>
                  <td>
                    {job.type} <span className="muted small mono">{job.id.slice(0, 8)}</span>
                  </td>
                  <td>{job.instance ? <Link to={`/instances/${encodeURIComponent(job.instance)}`}>{job.instance}</Link> : '—'}</td>
                  <td>
                    <StatusBadge status={job.state} />
                  </td>
                  <td>
                    {job.attempts ?? 0}/{job.maxAttempts ?? '—'}
                  </td>
                  <td className="nowrap" title={formatTime(job.createdAt)}>{relativeTime(job.createdAt)}</td>
                  <td className="text-err">{job.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
