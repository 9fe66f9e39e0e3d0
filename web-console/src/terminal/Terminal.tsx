import { useCallback, useEffect, useRef, useState } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { openTicketedSocket } from '../api/events';
import { describeError } from '../api/client';
import { inputFrame, outputOf, resizeMessage } from './protocol';

type State = 'connecting' | 'open' | 'closed' | 'error';

/**
 * xterm.js over `/ws/terminal/{name}` (opened with a single-use ticket). The fit addon sizes the terminal
 * to its box, and every size change is sent to the server as a resize message.
 */
export default function Terminal({ instance }: { instance: string }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const [state, setState] = useState<State>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [session, setSession] = useState(0);

  // The terminal itself lives as long as the component.
  useEffect(() => {
    if (!host.current) return;
    const xterm = new XTerm({
      cursorBlink: true,
      fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
      fontSize: 14,
      scrollback: 5000,
      screenReaderMode: false,
      theme: { background: '#0a0f16', foreground: '#d7e0ea', cursor: '#60a5fa', selectionBackground: '#1e3a5f' },
    });
    const fitAddon = new FitAddon();
    xterm.loadAddon(fitAddon);
    xterm.open(host.current);
    term.current = xterm;
    fit.current = fitAddon;
    const input = xterm.onData((data) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(inputFrame(data));
    });
    const binary = xterm.onBinary((data) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(Uint8Array.from(data, (c) => c.charCodeAt(0)));
    });
    const resize = xterm.onResize(({ cols, rows }) => {
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(resizeMessage(cols, rows));
    });
    // Follows the window and the layout: any change of the box refits the terminal.
    const observer = new ResizeObserver(() => {
      try {
        fitAddon.fit();
      } catch {
        /* not visible yet */
      }
    });
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      input.dispose();
      binary.dispose();
      resize.dispose();
      xterm.dispose();
      term.current = null;
    };
  }, []);

  // One socket per session; "Reconnect" starts a new one.
  useEffect(() => {
    let cancelled = false;
    let ws: WebSocket | null = null;
    setState('connecting');
    setError(null);
    openTicketedSocket(`/ws/terminal/${encodeURIComponent(instance)}`)
      .then((opened) => {
        if (cancelled) {
          opened.close(1000);
          return;
        }
        ws = opened;
        ws.binaryType = 'arraybuffer';
        socket.current = ws;
        ws.onopen = () => {
          setState('open');
          const xterm = term.current;
          if (xterm) {
            try {
              fit.current?.fit();
            } catch {
              /* ignore */
            }
            ws!.send(resizeMessage(xterm.cols, xterm.rows));
            xterm.focus();
          }
        };
        ws.onmessage = (event) => {
          const out = outputOf(event.data);
          if (out !== null) term.current?.write(out);
        };
        ws.onclose = (event) => {
          if (socket.current === ws) socket.current = null;
          setState((s) => (s === 'error' ? s : 'closed'));
          term.current?.write(`\r\n\x1b[2m[connection closed${event.reason ? `: ${event.reason}` : ''}]\x1b[0m\r\n`);
        };
        ws.onerror = () => {
          setError('The terminal connection failed.');
          setState('error');
        };
      })
      .catch((e) => {
        if (cancelled) return;
        setError(describeError(e));
        setState('error');
      });
    return () => {
      cancelled = true;
      if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'closed by the console');
      if (socket.current === ws) socket.current = null;
    };
  }, [instance, session]);

  const reconnect = useCallback(() => {
    term.current?.reset();
    setSession((n) => n + 1);
  }, []);

  return (
    <div className="terminal-wrap">
      <div className="terminal-bar">
        <span className={`conn conn-${state === 'open' ? 'open' : state === 'connecting' ? 'connecting' : 'closed'}`} role="status" data-testid="terminal-state">
          <span className="conn-dot" aria-hidden="true" />
          {state === 'open' ? 'Connected' : state === 'connecting' ? 'Connecting…' : state === 'error' ? 'Failed' : 'Disconnected'}
        </span>
        {error && <span className="text-err">{error}</span>}
        {(state === 'closed' || state === 'error') && (
          <button type="button" className="btn btn-small" onClick={reconnect}>
            Reconnect
          </button>
        )}
      </div>
      <div ref={host} className="terminal-host" data-testid="terminal" aria-label={`Terminal of ${instance}`} role="region" />
    </div>
  );
}
