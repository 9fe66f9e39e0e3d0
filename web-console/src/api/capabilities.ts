import { ProblemError, request } from './client';

export type Capability =
  | 'instances'
  | 'quota'
  | 'network'
  | 'snapshot'
  | 'files'
  | 'auth'
  | 'telemetry'
  | 'jobs'
  | 'lxd'
  | 'firewall'
  | 'backup'
  | 'hpc';

export const ALL_CAPABILITIES: Capability[] = [
  'instances',
  'quota',
  'network',
  'snapshot',
  'files',
  'auth',
  'telemetry',
  'jobs',
  'lxd',
  'firewall',
  'backup',
  'hpc',
];

export const capabilitiesApi = {
  /**
   * The installed capabilities. A server too old to answer this route (404) is taken to have them all,
   * so the console degrades to "show everything" rather than "show nothing".
   */
  get: async (options: { anonymous?: boolean; signal?: AbortSignal } = {}): Promise<Set<Capability>> => {
    try {
      const body = await request<{ capabilities: Capability[] }>('/api/v1/capabilities', options);
      return new Set(body?.capabilities ?? []);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return new Set(ALL_CAPABILITIES);
      throw error;
    }
  },
};
