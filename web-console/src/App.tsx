import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { LiveProvider } from './live/LiveContext';
import { BulkRunsProvider } from './live/BulkRunsContext';
import { Layout } from './components/Layout';
import { Loading } from './components/ErrorBanner';
import { LoginPage } from './pages/LoginPage';
import { DashboardPage } from './pages/DashboardPage';
import { HealthPage } from './pages/HealthPage';
import { ActivityPage } from './pages/ActivityPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NodeSwitchNotice } from './components/NodeSwitchNotice';

// Pages that carry Monaco or xterm.js load on demand, keeping the first load small.
const CreateInstancePage = lazy(() => import('./pages/CreateInstancePage'));
const InstancePage = lazy(() => import('./pages/InstancePage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const QuotaPage = lazy(() => import('./pages/admin/QuotaPage'));
const TenantsPage = lazy(() => import('./pages/admin/TenantsPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const TokensPage = lazy(() => import('./pages/TokensPage'));
const ClusterPage = lazy(() => import('./pages/ClusterPage'));
const GangsPage = lazy(() => import('./pages/hpc/GangsPage'));
const QueuePage = lazy(() => import('./pages/hpc/QueuePage'));
const CoreMapPage = lazy(() => import('./pages/hpc/CoreMapPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function App() {
  const { session } = useAuth();
  return (
    <LiveProvider enabled={!!session}>
      <BulkRunsProvider enabled={!!session}>
        <NodeSwitchNotice />
        <Routes>
          <Route path="/login" element={session ? <Navigate to="/" replace /> : <LoginPage />} />
          <Route
            path="*"
            element={
              <RequireSession>
                <Layout>
                  <Suspense fallback={<Loading what="page" />}>
                    <Routes>
                      <Route path="/" element={<DashboardPage />} />
                      <Route path="/instances/new" element={<CreateInstancePage />} />
                      <Route path="/instances/:name" element={<InstancePage />} />
                      <Route path="/instances/:name/:tab" element={<InstancePage />} />
                      <Route path="/activity" element={<ActivityPage />} />
                      <Route path="/cluster" element={<ClusterPage />} />
                      <Route path="/hpc/gangs" element={<GangsPage />} />
                      <Route path="/hpc/queue" element={<QueuePage />} />
                      <Route path="/hpc/cores" element={<CoreMapPage />} />
                      <Route path="/health" element={<HealthPage />} />
                      <Route path="/account" element={<AccountPage />} />
                      <Route path="/account/tokens" element={<TokensPage />} />
                      <Route path="/admin/users" element={<UsersPage />} />
                      <Route path="/admin/quota" element={<QuotaPage />} />
                      <Route path="/admin/tenants" element={<TenantsPage />} />
                      <Route path="/admin/audit" element={<AuditPage />} />
                      <Route path="*" element={<NotFoundPage />} />
                    </Routes>
                  </Suspense>
                </Layout>
              </RequireSession>
            }
          />
        </Routes>
      </BulkRunsProvider>
    </LiveProvider>
  );
}
