import { describeError } from '../api/client';

export function ErrorBanner({ error, what, onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert">
      <span>
        {what ? `${what}: ` : ''}
        {describeError(error)}
      </span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}
