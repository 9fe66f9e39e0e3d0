/**
 * The one HTTP door of the console. Every API module goes through {@link request}, which adds the bearer
 * token, parses JSON, and turns every non-2xx answer into a {@link ProblemError} carrying the server's
 * RFC 9457 problem (so callers can show `detail` instead of swallowing errors). It sends to the node the
 * {@link nodes} directory names, and moves to another node when that one stops answering.
 */
import { nodes } from './nodes';
import { TENANT_HEADER, tenantSelection } from './tenants';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: unknown[];
  [extra: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  readonly status: number;
  readonly retryAfter?: number;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.retryAfter = retryAfter;
  }
}

/** Where the token comes from and who hears about a 401; set by the auth layer, kept out of the modules. */
interface ClientHooks {
  token: () => string | null;
  /** `sentToken` is the token the refused request carried, which may no longer be the session's. */
  onUnauthorized: (problem: Problem, sentToken: string | null) => void;
}

const hooks: ClientHooks = {
  token: () => null,
  onUnauthorized: () => undefined,
};

export function configureClient(next: Partial<ClientHooks>): void {
  Object.assign(hooks, next);
}

export interface RequestOptions {
  method?: string;
  /** A JSON-serialisable value, or a Blob/ArrayBuffer/string sent raw as application/octet-stream. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** How to read a 2xx answer: parsed JSON (default), a Blob, or nothing. */
  as?: 'json' | 'blob' | 'none' | 'response';
  /** Skip the bearer token (login, health). */
  anonymous?: boolean;
  /** Statuses besides 2xx whose body is the answer rather than a problem (health's 503 lists its checks). */
  answerStatuses?: number[];
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

export async function request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (isRawBody(options.body)) {
      headers['Content-Type'] = 'application/octet-stream';
      body = options.body;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  const token = options.anonymous ? null : hooks.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  const tenant = options.anonymous ? null : tenantSelection.get();
  if (tenant) headers[TENANT_HEADER] = tenant;

  const method = options.method ?? 'GET';
  const url = buildUrl(path, options.query);
  // At most one try per known node: each failure passes that node over, so the loop ends anyway.
  const maxTries = Math.max(1, nodes.known.length);
  let response: Response | undefined;
  for (let tries = 1; ; tries++) {
    const base = nodes.baseUrl;
    let failure: unknown = null;
    try {
      response = await fetch(nodes.url(url), { method, headers, body, signal: options.signal, credentials: 'same-origin' });
    } catch (cause) {
      if ((cause as Error)?.name === 'AbortError') throw cause;
      failure = cause;
    }
    if (failure === null && !isGatewayFailure(response!)) {
      nodes.reachable(base);
      break;
    }
    const next = nodes.failover(base);
    // Only reads are repeated: a POST that died with the node may have been done there already.
    if (next && SAFE_METHODS.has(method) && tries < maxTries) continue;
    if (failure !== null) throw unreachable(failure, next, method);
    break;
  }
  response = response!;

  const isProblem = (response.headers.get('Content-Type') ?? '').startsWith('application/problem+json');
  if (!response.ok && !(options.answerStatuses?.includes(response.status) && !isProblem)) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.anonymous) hooks.onUnauthorized(problem, token);
    const retry = Number(response.headers.get('Retry-After'));
    throw new ProblemError(problem, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }

  switch (options.as ?? 'json') {
    case 'none':
      return undefined as T;
    case 'blob':
      return (await response.blob()) as T;
    case 'response':
      return response as T;
    default: {
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * A proxy's "the node behind me is gone" (502/503/504 with its own, non-JSON page). Axion answers these
 * statuses too, for an LXD host that failed (502 lxd-failed, 503 lxd-unreachable, 504 lxd-timeout) and for a
 * degraded health: always as JSON, and another node would not do better, so those stay where they are.
 */
function isGatewayFailure(response: Response): boolean {
  if (![502, 503, 504].includes(response.status)) return false;
  return !(response.headers.get('Content-Type') ?? '').includes('json');
}

function unreachable(cause: unknown, next: { name: string } | null, method: string): ProblemError {
  const why = `The server could not be reached (${(cause as Error)?.message ?? cause}).`;
  const moved = next ? ` The console now uses ${next.name}; the ${method} was not repeated there, as it may have been done: check, then try again.` : '';
  return new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, detail: why + moved });
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  try {
    const text = await response.text();
    if (!text) return fallback;
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...fallback, ...parsed, status: parsed.status ?? response.status };
  } catch {
    return fallback;
  }
}

/** A human sentence for any error thrown by the API layer (problem detail first). */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) {
    const p = error.problem;
    const base = p.detail || p.title || `HTTP ${p.status}`;
    if (Array.isArray(p.errors) && p.errors.length > 0) {
      const extra = p.errors
        .map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
        .join('; ');
      return `${base} (${extra})`;
    }
    return base;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The per-field messages of a 422 problem (`errors: [{field, message}]`), by field; the first one wins. */
export function fieldErrors(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!(error instanceof ProblemError) || !Array.isArray(error.problem.errors)) return found;
  for (const entry of error.problem.errors) {
    const { field, message } = (entry ?? {}) as { field?: unknown; message?: unknown };
    if (typeof field === 'string' && typeof message === 'string' && !(field in found)) found[field] = message;
  }
  return found;
}
