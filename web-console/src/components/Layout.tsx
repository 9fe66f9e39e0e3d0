import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useCapabilities } from '../auth/capabilities';
import { isAdmin } from '../api/auth';
import { useConnection } from '../live/LiveContext';
import { ANONYMOUS } from '../auth/session';
import { TenantSwitcher } from './TenantSwitcher';

const CONNECTION_TEXT = {
  idle: 'Offline',
  connecting: 'Connecting…',
  open: 'Live',
  closed: 'Reconnecting…',
} as const;

export function Layout({ children }: { children: ReactNode }) {
  const { session, logout } = useAuth();
  const caps = useCapabilities();
  const connection = useConnection();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const role = session?.user.role;

  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-btn nav-toggle"
          aria-label="Menu"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((v) => !v)}
        >
          ☰
        </button>
        <NavLink to="/" className="brand" aria-label="Axion home">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <path d="M16 4 28 28H21.5L16 16.5 10.5 28H4z" fill="currentColor" />
          </svg>
          <span>Axion</span>
        </NavLink>
        <div className="topbar-right">
          <span className={`conn conn-${connection}`} role="status" aria-live="polite" title="Live event stream" data-testid="connection">
            <span className="conn-dot" aria-hidden="true" />
            {CONNECTION_TEXT[connection]}
          </span>
          {session && session !== ANONYMOUS && (
            <>
              {caps.has('auth') && <TenantSwitcher admin={isAdmin(role)} />}
              <NavLink to="/account" className="user-chip" data-testid="current-user" title="Your account and password">
                {session.user.username} <span className="muted">· {session.user.role}</span>
              </NavLink>
              <button type="button" className="btn btn-small" onClick={() => logout('You have logged out.')}>
                Log out
              </button>
            </>
          )}
        </div>
      </header>
      <nav id="sidebar" className={`sidebar${menuOpen ? ' sidebar-open' : ''}`} aria-label="Main">
        <ul>
          {caps.has('instances') && <NavItem to="/" end label="Instances" />}
          {(caps.has('jobs') || caps.has('instances')) && <NavItem to="/activity" label="Activity" />}
          <NavItem to="/cluster" label="Cluster" />
          {caps.has('hpc') && <NavItem to="/hpc/gangs" label="Gangs" />}
          {caps.has('hpc') && <NavItem to="/hpc/queue" label="Queue" />}
          {caps.has('hpc') && <NavItem to="/hpc/cores" label="Core map" />}
          <NavItem to="/health" label="Health" />
          {/* The header's user chip leads there too, but phones hide it. */}
          {session && session !== ANONYMOUS && <NavItem to="/account" end label="Account" />}
          {session && session !== ANONYMOUS && caps.has('auth') && <NavItem to="/account/tokens" label="API tokens" />}
        </ul>
        {isAdmin(role) && (caps.has('auth') || caps.has('quota')) && (
          <>
            <h2 className="nav-heading">Administration</h2>
            <ul>
              {caps.has('auth') && <NavItem to="/admin/users" label="Users" />}
              {caps.has('auth') && <NavItem to="/admin/tenants" label="Tenants" />}
              {caps.has('quota') && <NavItem to="/admin/quota" label="Quota" />}
              {caps.has('auth') && <NavItem to="/admin/audit" label="Audit log" />}
            </ul>
          </>
        )}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function NavItem({ to, label, end }: { to: string; label: string; end?: boolean }) {
  return (
    <li>
      <NavLink to={to} end={end} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
        {label}
      </NavLink>
    </li>
  );
}
