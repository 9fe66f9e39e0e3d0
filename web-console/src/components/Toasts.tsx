import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastKind = 'info' | 'progress' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
}

interface ToastApi {
  show: (toast: Omit<Toast, 'id'>) => number;
  update: (id: number, toast: Partial<Omit<Toast, 'id'>>) => void;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const LIFETIME: Record<ToastKind, number | null> = { info: 6000, success: 6000, progress: null, error: null };

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const arm = useCallback(
    (id: number, kind: ToastKind) => {
      const old = timers.current.get(id);
      if (old) clearTimeout(old);
      timers.current.delete(id);
      const life = LIFETIME[kind];
      if (life) timers.current.set(id, setTimeout(() => dismiss(id), life));
    },
    [dismiss],
  );

  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-5), { ...toast, id }]);
      arm(id, toast.kind);
      return id;
    },
    [arm],
  );

  const update = useCallback(
    (id: number, change: Partial<Omit<Toast, 'id'>>) => {
      setToasts((all) => all.map((t) => (t.id === id ? { ...t, ...change } : t)));
      if (change.kind) arm(id, change.kind);
    },
    [arm],
  );

  const api = useMemo(() => ({ show, update, dismiss }), [show, update, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite" aria-relevant="additions text">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={t.kind}>
            <div className="toast-body">
              <strong className="toast-title">
                {t.kind === 'progress' && <span className="spinner" aria-hidden="true" />}
                {t.title}
              </strong>
              {t.message && <div className="toast-message">{t.message}</div>}
            </div>
            <button type="button" className="icon-btn" aria-label={`Dismiss: ${t.title}`} onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts outside ToastProvider');
  return api;
}
