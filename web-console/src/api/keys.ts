/** Query keys, in one place so that event-driven invalidation and the hooks agree. */
export const keys = {
  health: ['health'] as const,
  capabilities: ['capabilities'] as const,
  me: ['me'] as const,
  instances: ['instances'] as const,
  instance: (name: string) => ['instance', name] as const,
  snapshots: (name: string) => ['snapshots', name] as const,
  forwards: (name: string) => ['forwards', name] as const,
  files: (name: string, path: string) => ['files', name, path] as const,
  filesOf: (name: string) => ['files', name] as const,
  jobs: ['jobs'] as const,
  job: (id: string) => ['job', id] as const,
  quota: ['quota'] as const,
  images: ['images'] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
};
