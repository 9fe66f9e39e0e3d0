import { request } from './client';

export type EntryType = 'file' | 'directory' | 'symlink' | string;

export interface FileEntry {
  name: string;
  type: EntryType;
  size?: number;
  mode?: string | number;
  uid?: number;
  gid?: number;
}

export interface DirectoryListing {
  type: 'directory';
  entries: FileEntry[];
}

export type Browsed = { kind: 'directory'; entries: FileEntry[] } | { kind: 'file'; blob: Blob };

const base = (instance: string) => `/api/v1/instances/${encodeURIComponent(instance)}/files`;

export const filesApi = {
  /** A directory answers a JSON listing, a file its bytes: tell them apart by content type. */
  browse: async (instance: string, path: string, signal?: AbortSignal): Promise<Browsed> => {
    const response = await request<Response>(base(instance), { query: { path }, as: 'response', signal });
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      const listing = (await response.json()) as DirectoryListing;
      if (listing && listing.type === 'directory') return { kind: 'directory', entries: listing.entries ?? [] };
    }
    return { kind: 'file', blob: await response.blob() };
  },
  read: (instance: string, path: string, signal?: AbortSignal) =>
    request<Blob>(base(instance), { query: { path }, as: 'blob', signal }),
  write: (instance: string, path: string, content: Blob | ArrayBuffer | string) =>
    request<void>(base(instance), { method: 'PUT', query: { path }, body: content, as: 'none' }),
  mkdir: (instance: string, path: string) =>
    request<void>(base(instance), {
      method: 'PUT',
      query: { path, type: 'directory' },
      body: new Uint8Array(0),
      as: 'none',
    }),
  remove: (instance: string, path: string) =>
    request<void>(base(instance), { method: 'DELETE', query: { path }, as: 'none' }),
};
