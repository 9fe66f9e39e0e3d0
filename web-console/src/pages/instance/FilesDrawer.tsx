import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { filesApi, type FileEntry } from '../../api/files';
import { keys } from '../../api/keys';
import { describeError } from '../../api/client';
import { joinPath, parentPath, validateFileName, validatePath } from '../../lib/validation';
import { blobToText, saveBlob } from '../../lib/text';
import { formatBytes } from '../../lib/format';
import { Dialog, ConfirmDialog } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { LazyCodeEditor } from '../../editor/LazyCodeEditor';
import { Icon } from '../../components/Icon';

interface Editing {
  path: string;
  original: string;
  text: string;
  isNew: boolean;
}

function formatMode(mode: FileEntry['mode']): string {
  if (mode === undefined || mode === null) return '';
  if (typeof mode === 'number') return `0${(mode & 0o7777).toString(8)}`;
  return mode;
}

export function FilesDrawer({ instance, canAct, open, onClose }: { instance: string; canAct: boolean; open: boolean; onClose: () => void }) {
  const [path, setPath] = useState('/root');
  const [typedPath, setTypedPath] = useState('/root');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<FileEntry | null>(null);
  const [creating, setCreating] = useState<'file' | 'directory' | null>(null);
  const [newName, setNewName] = useState('');
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState<(() => void) | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  const toasts = useToasts();
  const client = useQueryClient();

  const listing = useQuery({
    queryKey: keys.files(instance, path),
    queryFn: ({ signal }) => filesApi.browse(instance, path, signal),
    enabled: open && !validatePath(path),
    staleTime: 0,
  });
  const refresh = () => client.invalidateQueries({ queryKey: keys.files(instance, path) });
  const dirty = editing !== null && editing.text !== editing.original;

  function guard(action: () => void) {
    if (dirty) setConfirmDiscard(() => action);
    else action();
  }

  function go(next: string) {
    const problem = validatePath(next);
    if (problem) {
      toasts.show({ kind: 'error', title: 'Bad path', message: problem });
      return;
    }
    setEditing(null);
    setPath(next);
    setTypedPath(next);
  }

  async function openFile(entry: FileEntry) {
    const target = joinPath(path, entry.name);
    try {
      const blob = await filesApi.read(instance, target);
      const decoded = await blobToText(blob);
      if ('binary' in decoded) {
        toasts.show({ kind: 'info', title: `${entry.name} is binary or large`, message: 'Downloaded instead of opened in the editor.' });
        saveBlob(blob, entry.name);
        return;
      }
      setEditing({ path: target, original: decoded.text, text: decoded.text, isNew: false });
    } catch (e) {
      toasts.show({ kind: 'error', title: `Could not open ${target}`, message: describeError(e) });
    }
  }

  async function download(entry: FileEntry) {
    const target = joinPath(path, entry.name);
    try {
      saveBlob(await filesApi.read(instance, target), entry.name);
    } catch (e) {
      toasts.show({ kind: 'error', title: `Could not download ${target}`, message: describeError(e) });
    }
  }

  async function save() {
    if (!editing || saving) return;
    setSaving(true);
    const current = editing;
    try {
      await filesApi.write(instance, current.path, new Blob([current.text], { type: 'application/octet-stream' }));
      setEditing({ ...current, original: current.text, isNew: false });
      toasts.show({ kind: 'success', title: `Saved ${current.path}` });
      void refresh();
    } catch (e) {
      toasts.show({ kind: 'error', title: `Could not save ${current.path}`, message: describeError(e) });
    } finally {
      setSaving(false);
    }
  }

  async function uploadFiles(files: FileList | null) {
    if (!files) return;
    for (const file of Array.from(files)) {
      const target = joinPath(path, file.name);
      try {
        await filesApi.write(instance, target, file);
        toasts.show({ kind: 'success', title: `Uploaded ${target}`, message: formatBytes(file.size) });
      } catch (e) {
        toasts.show({ kind: 'error', title: `Could not upload ${target}`, message: describeError(e) });
      }
    }
    if (upload.current) upload.current.value = '';
    void refresh();
  }

  async function remove() {
    const entry = removing;
    setRemoving(null);
    if (!entry) return;
    const target = joinPath(path, entry.name);
    try {
      await filesApi.remove(instance, target);
      toasts.show({ kind: 'success', title: `Deleted ${target}` });
      void refresh();
    } catch (e) {
      toasts.show({ kind: 'error', title: `Could not delete ${target}`, message: describeError(e) });
    }
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const problem = validateFileName(newName);
    if (problem) {
      toasts.show({ kind: 'error', title: 'Bad name', message: problem });
      return;
    }
    const target = joinPath(path, newName);
    if (creating === 'file') {
      setEditing({ path: target, original: '', text: '', isNew: true });
    } else {
      try {
        await filesApi.mkdir(instance, target);
        toasts.show({ kind: 'success', title: `Created ${target}/` });
        void refresh();
      } catch (e) {
        toasts.show({ kind: 'error', title: `Could not create ${target}`, message: describeError(e) });
      }
    }
    setCreating(null);
    setNewName('');
  }

  const crumbs = path === '/' ? [] : path.split('/').slice(1);
  const entries = listing.data?.kind === 'directory'
    ? [...listing.data.entries].sort((a, b) => (a.type === 'directory' ? 0 : 1) - (b.type === 'directory' ? 0 : 1) || a.name.localeCompare(b.name))
    : [];

  return (
    <Dialog open={open} title={`Files of ${instance}`} onClose={() => guard(onClose)} variant="drawer" wide testId="files-drawer">
      {editing ? (
        <div className="file-editor">
          <div className="file-editor-bar">
            <button type="button" className="btn btn-small" onClick={() => guard(() => setEditing(null))}>
              ← Back to {parentPath(editing.path)}
            </button>
            <span className="mono file-editor-path">
              {editing.path}
              {dirty && <span className="dirty" aria-label="unsaved changes"> ●</span>}
            </span>
            {canAct && (
              <button type="button" className="btn btn-primary btn-small" onClick={save} disabled={saving || (!dirty && !editing.isNew)} data-testid="save-file">
                {saving ? 'Saving…' : 'Save'}
              </button>
            )}
          </div>
          <LazyCodeEditor
            value={editing.text}
            onChange={(text) => setEditing((e) => (e ? { ...e, text } : e))}
            fileName={editing.path}
            ariaLabel={`Editing ${editing.path}`}
            height="calc(100vh - 190px)"
            readOnly={!canAct}
            onSave={save}
          />
        </div>
      ) : (
        <>
          <form
            className="path-bar"
            onSubmit={(e) => {
              e.preventDefault();
              go(typedPath);
            }}
          >
            <nav aria-label="Folders of the path" className="crumbs">
              <button type="button" className="link-btn" onClick={() => go('/')}>
                /
              </button>
              {crumbs.map((c, i) => (
                <span key={i}>
                  <button type="button" className="link-btn" onClick={() => go(`/${crumbs.slice(0, i + 1).join('/')}`)}>
                    {c}
                  </button>
                  {i < crumbs.length - 1 && <span aria-hidden="true">/</span>}
                </span>
              ))}
            </nav>
            <label className="sr-only" htmlFor="files-path">
              Path
            </label>
            <input id="files-path" className="mono" value={typedPath} onChange={(e) => setTypedPath(e.target.value)} spellCheck={false} />
            <button type="submit" className="btn btn-small">
              Go
            </button>
          </form>
          {canAct && (
            <div className="toolbar">
              <button type="button" className="btn btn-small" onClick={() => setCreating('file')}>
                New file
              </button>
              <button type="button" className="btn btn-small" onClick={() => setCreating('directory')}>
                New folder
              </button>
              <button type="button" className="btn btn-small" onClick={() => upload.current?.click()}>
                Upload…
              </button>
              <input ref={upload} type="file" multiple hidden onChange={(e) => uploadFiles(e.target.files)} aria-label="Files to upload" data-testid="upload-input" />
              <button type="button" className="btn btn-small" onClick={() => refresh()}>
                Refresh
              </button>
            </div>
          )}
          {creating && (
            <form className="inline-form inline-form-row" onSubmit={create}>
              <label htmlFor="new-entry-name">{creating === 'file' ? 'New file name' : 'New folder name'}</label>
              <input id="new-entry-name" value={newName} onChange={(e) => setNewName(e.target.value)} autoFocus spellCheck={false} />
              <button type="submit" className="btn btn-primary btn-small">
                Create
              </button>
              <button type="button" className="btn btn-small" onClick={() => setCreating(null)}>
                Cancel
              </button>
            </form>
          )}
          {listing.isError && <ErrorBanner what={path} error={listing.error} onRetry={() => listing.refetch()} />}
          {listing.isPending && <Loading what={path} />}
          {listing.data?.kind === 'file' && <p className="muted">{path} is a file.</p>}
          {listing.data?.kind === 'directory' && (
            <table className="data-table files-table" data-testid="files-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Size</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Owner</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {path !== '/' && (
                  <tr>
                    <td colSpan={5}>
                      <button type="button" className="link-btn" onClick={() => go(parentPath(path))}>
                        ↑ ..
                      </button>
                    </td>
                  </tr>
                )}
                {entries.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">Empty folder.</td>
                  </tr>
                )}
                {entries.map((entry) => (
                  <tr key={entry.name} data-testid="file-row" data-name={entry.name}>
                    <td>
                      {entry.type === 'directory' ? (
                        <button type="button" className="link-btn" onClick={() => go(joinPath(path, entry.name))}>
                          <Icon name="folder" /> {entry.name}/
                        </button>
                      ) : (
                        <button type="button" className="link-btn" onClick={() => openFile(entry)} title="Open in the editor">
                          <Icon name={entry.type === 'symlink' ? 'link' : 'file'} /> {entry.name}
                        </button>
                      )}
                    </td>
                    <td>{entry.type === 'directory' ? '' : formatBytes(entry.size)}</td>
                    <td className="mono">{formatMode(entry.mode)}</td>
                    <td className="mono">{entry.uid ?? ''}{entry.gid !== undefined ? `:${entry.gid}` : ''}</td>
                    <td className="row-actions">
                      {entry.type !== 'directory' && (
                        <button type="button" className="btn btn-small" onClick={() => download(entry)} aria-label={`Download ${entry.name}`}>
                          Download
                        </button>
                      )}
                      {canAct && (
                        <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setRemoving(entry)} aria-label={`Delete ${entry.name}`}>
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <ConfirmDialog open={removing !== null} title={`Delete ${removing?.name}?`} confirmLabel="Delete" danger onCancel={() => setRemoving(null)} onConfirm={remove}>
        <p>
          {removing && joinPath(path, removing.name)} is deleted from {instance}.{removing?.type === 'directory' && ' A folder must be empty.'}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDiscard !== null}
        title="Discard unsaved changes?"
        confirmLabel="Discard"
        danger
        onCancel={() => setConfirmDiscard(null)}
        onConfirm={() => {
          const next = confirmDiscard;
          setConfirmDiscard(null);
          setEditing(null);
          next?.();
        }}
      >
        <p>{editing?.path} has changes that are not saved.</p>
      </ConfirmDialog>
    </Dialog>
  );
}
