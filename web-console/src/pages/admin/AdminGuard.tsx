import type { ReactNode } from 'react';
import { isAdmin } from '../../api/auth';
import { useRole } from '../../auth/AuthContext';

export function AdminOnly({ children }: { children: ReactNode }) {
  if (!isAdmin(useRole())) {
    return (
      <section className="page">
        <h1>Administrators only</h1>
        <p className="muted">This page is for users with the admin role.</p>
      </section>
    );
  }
  return <>{children}</>;
}
