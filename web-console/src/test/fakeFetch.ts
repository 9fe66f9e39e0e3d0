import { vi } from 'vitest';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (call: RecordedCall) => Response | Promise<Response>;

/** A fetch stand-in: routes `METHOD path` (path without query) to canned answers and records every call. */
export function installFakeFetch(routes: Record<string, Responder | Response | object>) {
  const calls: RecordedCall[] = [];
  const fake = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = { ...(init.headers as Record<string, string>) };
    let body: unknown = init.body;
    if (typeof body === 'string' && headers['Content-Type'] === 'application/json') body = JSON.parse(body);
    const call = { url, method, headers, body };
    calls.push(call);
    const path = url.split('?')[0];
    const route = routes[`${method} ${path}`];
    if (route === undefined) return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404, 'application/problem+json');
    if (typeof route === 'function') return (route as Responder)(call);
    if (route instanceof Response) return route.clone();
    return json(route);
  });
  vi.stubGlobal('fetch', fake);
  return { calls, fake };
}

export function json(value: unknown, status = 200, type = 'application/json', headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type, ...headers } });
}

export function problem(status: number, slug: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return json(
    { type: `https://axion.dev/problems/${slug}`, title: slug, status, detail, ...extra },
    status,
    'application/problem+json',
    extra['retryAfter'] ? { 'Retry-After': String(extra['retryAfter']) } : {},
  );
}
