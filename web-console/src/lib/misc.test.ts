import { describe, expect, it } from 'vitest';
import { filterInstances, sortInstances } from './filter';
import { formatBytes, formatMiB, formatPercent, relativeTime } from './format';
import { looksBinary, blobToText } from './text';
import type { Instance } from '../api/instances';

const inst = (name: string, status: string, image = 'busybox', cpu = 1, memoryMiB = 256): Instance => ({ name, status, image, cpu, memoryMiB, node: 'n1' });

describe('filterInstances', () => {
  const all = [inst('web-1', 'Running', 'debian/12'), inst('web-2', 'Stopped'), inst('db-1', 'Running')];
  it('matches every word against name, image and node, and status exactly', () => {
    expect(filterInstances(all, { query: 'web', status: '' }).map((i) => i.name)).toEqual(['web-1', 'web-2']);
    expect(filterInstances(all, { query: 'web debian', status: '' }).map((i) => i.name)).toEqual(['web-1']);
    expect(filterInstances(all, { query: '', status: 'Running' }).map((i) => i.name)).toEqual(['web-1', 'db-1']);
    expect(filterInstances(all, { query: 'WEB', status: 'Stopped' }).map((i) => i.name)).toEqual(['web-2']);
  });

  it('sorts by a column, both ways, names breaking ties', () => {
    const list = [inst('b', 'Running', 'x', 2), inst('a', 'Running', 'x', 2), inst('c', 'Stopped', 'x', 1)];
    expect(sortInstances(list, 'cpu').map((i) => i.name)).toEqual(['c', 'a', 'b']);
    expect(sortInstances(list, 'name', true).map((i) => i.name)).toEqual(['c', 'b', 'a']);
  });

  it('keeps the instances of one host (exact), finds hosts by search, sorts by host', () => {
    const spread = [
      { ...inst('a', 'Running'), host: 'lxd-2' },
      { ...inst('b', 'Running'), host: 'lxd-1' },
      { ...inst('c', 'Stopped'), host: 'lxd-12' },
      inst('d', 'Running'),
    ];
    expect(filterInstances(spread, { query: '', status: '', host: 'lxd-1' }).map((i) => i.name)).toEqual(['b']);
    expect(filterInstances(spread, { query: '', status: '', host: '' }).map((i) => i.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterInstances(spread, { query: 'lxd-1', status: '' }).map((i) => i.name)).toEqual(['b', 'c']);
    expect(filterInstances(spread, { query: '', status: 'Running', host: 'lxd-12' })).toEqual([]);
    expect(sortInstances(spread, 'host').map((i) => i.name)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('filters 500 instances by name and status together', () => {
    const many = Array.from({ length: 500 }, (_, i) => inst(`vm-${i}`, i % 2 ? 'Running' : 'Stopped'));
    const found = filterInstances(many, { query: 'vm-4', status: 'Running' }).map((i) => i.name);
    // vm-4 itself is stopped; of vm-40..49 and vm-400..499 the odd ones run.
    expect(found).toHaveLength(5 + 50);
    expect(found).toContain('vm-41');
    expect(found).not.toContain('vm-4');
  });
});

describe('format', () => {
  it('formats sizes and percents', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20.0 MiB');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatMiB(512)).toBe('512 MiB');
    expect(formatMiB(2048)).toBe('2 GiB');
    expect(formatPercent(3.14159)).toBe('3.1%');
    expect(formatPercent(42.6)).toBe('43%');
    expect(relativeTime(new Date(Date.now() - 5 * 60_000).toISOString())).toBe('5 min ago');
  });
});

describe('text detection', () => {
  it('opens UTF-8 text and refuses binary', async () => {
    expect(looksBinary(new TextEncoder().encode('héllo wörld'))).toBe(false);
    expect(looksBinary(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]))).toBe(true);
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(true);
    expect(await blobToText(new Blob(['key: value\n']))).toEqual({ text: 'key: value\n' });
    expect(await blobToText(new Blob([new Uint8Array([0, 1, 2])]))).toEqual({ binary: true });
  });
});
