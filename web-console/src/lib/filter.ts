import type { Instance } from '../api/instances';

export interface InstanceFilter {
  query: string;
  status: string;
  /** An LXD host's name; empty for every host. */
  host?: string;
}

export type SortKey = 'name' | 'status' | 'image' | 'cpu' | 'memory' | 'host' | 'node' | 'created';

/** Search matches name, image, host and node (case-insensitive, every word must match); status and host are exact. */
export function filterInstances(instances: Instance[], filter: InstanceFilter): Instance[] {
  const words = filter.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return instances.filter((i) => {
    if (filter.status && i.status !== filter.status) return false;
    if (filter.host && i.host !== filter.host) return false;
    if (!words.length) return true;
    const haystack = `${i.name} ${i.image} ${i.host ?? ''} ${i.node ?? ''} ${i.status}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export function sortInstances(instances: Instance[], key: SortKey, descending = false): Instance[] {
  const value = (i: Instance): string | number => {
    switch (key) {
      case 'cpu':
        return i.cpu;
      case 'memory':
        return i.memoryMiB;
      case 'status':
        return i.status;
      case 'image':
        return i.image ?? '';
      case 'host':
        return i.host ?? '';
      case 'node':
        return i.node ?? '';
      case 'created':
        return i.createdAt ?? '';
      default:
        return i.name;
    }
  };
  const sorted = [...instances].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? c : a.name.localeCompare(b.name);
  });
  return descending ? sorted.reverse() : sorted;
}
