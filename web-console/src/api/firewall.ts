import { request } from './client';

export type Direction = 'in' | 'out';
export type RuleProtocol = 'tcp' | 'udp' | 'icmp' | 'any';
export type Action = 'allow' | 'drop';

export interface FirewallRule {
  direction: Direction;
  protocol: RuleProtocol;
  /** "8000" or "8000-8100"; absent: every port (tcp/udp only). */
  ports?: string | null;
  /** The peer's IPv4 CIDR; absent: anyone. */
  source?: string | null;
  action: Action;
}

export interface FirewallPolicy {
  defaultIngress: Action;
  rules: FirewallRule[];
}

export interface InstanceNetwork {
  bridge: string | null;
  device: string | null;
  hostInterface: string | null;
  hwaddr: string | null;
  addresses: string[];
}

const base = (instance: string) => `/api/v1/instances/${encodeURIComponent(instance)}`;

export const firewallApi = {
  get: (instance: string, signal?: AbortSignal) => request<FirewallPolicy>(`${base(instance)}/firewall`, { signal }),
  /** Answers the policy in its canonical form (a bare address becomes /32). */
  put: (instance: string, policy: FirewallPolicy) =>
    request<FirewallPolicy>(`${base(instance)}/firewall`, { method: 'PUT', body: policy }),
  network: (instance: string, signal?: AbortSignal) => request<InstanceNetwork>(`${base(instance)}/network`, { signal }),
};

const PORTS = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** The same checks as the server's, so that most mistakes are shown before a request; the server has the last word. */
export function ruleErrors(rule: FirewallRule): { ports?: string; source?: string } {
  const errors: { ports?: string; source?: string } = {};
  const ports = rule.ports?.trim();
  if (ports) {
    const m = PORTS.exec(ports);
    if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') errors.ports = 'Ports need TCP or UDP';
    else if (!m) errors.ports = 'A port (8000) or a range (8000-8100)';
    else {
      const low = Number(m[1]);
      const high = m[2] === undefined ? low : Number(m[2]);
      if (low < 1 || high > 65535 || low > high) errors.ports = 'Within 1–65535, low to high';
    }
  }
  const source = rule.source?.trim();
  if (source) {
    const m = CIDR.exec(source);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || (m[5] !== undefined && Number(m[5]) > 32)) {
      errors.source = 'An IPv4 address or CIDR, such as 10.147.0.23 or 10.0.0.0/8';
    }
  }
  return errors;
}
