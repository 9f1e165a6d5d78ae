import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, useParams, useSearchParams } from 'react-router';
import type { User } from '#api/auth/auth.schemas.ts';
import { AccountPage } from '../features/account/account-page.tsx';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx';
import { SetPasswordPage } from '../features/auth/set-password-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { DataRightsPanel } from '../features/data-rights/data-rights-panel.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { AcceptInvitationPage } from '../features/invitations/accept-invitation-page.tsx';
import { ConfirmApplicationPage } from '../features/join/confirm-application-page.tsx';
import { JoinPage } from '../features/join/join-page.tsx';
import { MyReleasesPage } from '../features/mvp-home/my-releases-page.tsx';
import { NoticePreferencesPanel } from '../features/notices/notice-preferences-panel.tsx';
import { ProfilePage } from '../features/profile/profile-page.tsx';
import { UnconnectedPrograms } from '../features/programs/unconnected-programs.tsx';
import { SetupPage } from '../features/setup/setup-page.tsx';
import { StaffPage } from '../features/staff/staff-page.tsx';
import { RequireTermsAccepted } from '../features/terms/require-terms-accepted.tsx';
import { TermsPage } from '../features/terms/terms-page.tsx';
import { PageLoading } from '../lib/page-state.tsx';
import { useSignedInUser } from '../lib/session.ts';
import { Layout } from './layout.tsx';
import { RequireSession } from './require-session.tsx';
import { RouteError } from './route-error.tsx';

// The program lead's pages are most of the portal's code; MVPs and applicants never load them.
const ProgramsPage = lazy(() =>
  import('../features/programs/programs-page.tsx').then((m) => ({ default: m.ProgramsPage })),
);
const ProgramPage = lazy(() =>
  import('../features/programs/program-page.tsx').then((m) => ({ default: m.ProgramPage })),
);
const RepositoryStatus = lazy(() =>
  import('../features/repository-check/repository-status.tsx').then((m) => ({ default: m.RepositoryStatus })),
);
const ProgramReleases = lazy(() =>
  import('../features/releases/program-releases.tsx').then((m) => ({ default: m.ProgramReleases })),
);
const ReleasePage = lazy(() =>
  import('../features/releases/release-page.tsx').then((m) => ({ default: m.ReleasePage })),
);
const CohortPanel = lazy(() =>
  import('../features/enrolment/cohort-panel.tsx').then((m) => ({ default: m.CohortPanel })),
);
const OutboxPage = lazy(() => import('../features/outbox/outbox-page.tsx').then((m) => ({ default: m.OutboxPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
// Filing loads its own weight (attachments, drafts, suggestions) only for those who file.
const ReportFormPage = lazy(() =>
  import('../features/reports/report-form-page.tsx').then((m) => ({ default: m.ReportFormPage })),
);
const MyReportsPage = lazy(() =>
  import('../features/reports/my-reports-page.tsx').then((m) => ({ default: m.MyReportsPage })),
);
const ReportPage = lazy(() =>
  import('../features/report-views/report-page.tsx').then((m) => ({ default: m.ReportPage })),
);
const VerificationPanel = lazy(() =>
  import('../features/verification/verification-panel.tsx').then((m) => ({ default: m.VerificationPanel })),
);
const ProgramReportsPage = lazy(() =>
  import('../features/report-views/program-reports-page.tsx').then((m) => ({ default: m.ProgramReportsPage })),
);
const SyncHealthPage = lazy(() =>
  import('../features/sync-health/sync-health-page.tsx').then((m) => ({ default: m.SyncHealthPage })),
);

// Charts (recharts) load only with the dashboard.
const StatsDashboardPage = lazy(() =>
  import('../features/stats/stats-dashboard-page.tsx').then((m) => ({ default: m.StatsDashboardPage })),
);
const ClustersPage = lazy(() =>
  import('../features/stats/clusters-page.tsx').then((m) => ({ default: m.ClustersPage })),
);
const RescuePage = lazy(() => import('../features/rescue/rescue-page.tsx').then((m) => ({ default: m.RescuePage })));
const MyRecognitionPage = lazy(() =>
  import('../features/stats/my-recognition-page.tsx').then((m) => ({ default: m.MyRecognitionPage })),
);

const staff = ['admin', 'engineer', 'internal_tester'] as const;

const loading = <PageLoading />;

/** A page for signed-in people; an MVP with terms to accept is sent to them first. */
function signedIn(page: ReactNode, roles?: readonly User['role'][]) {
  return (
    <RequireSession roles={roles}>
      <RequireTermsAccepted>
        <Suspense fallback={loading}>{page}</Suspense>
      </RequireTermsAccepted>
    </RequireSession>
  );
}

/** MVPs start at their releases; staff at the overview of what they can do. */
function HomeRoute() {
  return useSignedInUser().role === 'mvp' ? <MyReleasesPage /> : <HomePage notices={<UnconnectedPrograms />} />;
}

/** Staff choose their e-mail notices on their account page; an MVP on their profile, which e-mails link to. */
function AccountRoute() {
  return (
    <AccountPage>
      {useSignedInUser().role === 'mvp' ? null : <NoticePreferencesPanel />}
      <DataRightsPanel />
    </AccountPage>
  );
}

function ProgramRoute() {
  const { programId = '' } = useParams();
  return (
    <ProgramPage
      key={programId}
      programId={programId}
      repository={<RepositoryStatus programId={programId} />}
      releases={<ProgramReleases programId={programId} />}
    />
  );
}

function ProgramReportsRoute() {
  const { programId = '' } = useParams();
  return <ProgramReportsPage key={programId} programId={programId} />;
}

function SyncHealthRoute() {
  const { programId = '' } = useParams();
  return <SyncHealthPage key={programId} programId={programId} />;
}

function StatsRoute() {
  const { programId = '' } = useParams();
  return <StatsDashboardPage key={programId} programId={programId} />;
}

function RescueRoute() {
  const { programId = '' } = useParams();
  return <RescuePage key={programId} programId={programId} />;
}

function ClustersRoute() {
  const { programId = '' } = useParams();
  const [search] = useSearchParams();
  // A new filter starts again at the first page.
  return <ClustersPage key={`${programId}?${search}`} programId={programId} />;
}

function ReportRoute() {
  const { reportId = '' } = useParams();
  return (
    <ReportPage
      key={reportId}
      reportId={reportId}
      followUp={
        <Suspense fallback={null}>
          <VerificationPanel reportId={reportId} />
        </Suspense>
      }
    />
  );
}

function ReleaseRoute() {
  const { releaseId = '' } = useParams();
  return <ReleasePage key={releaseId} releaseId={releaseId} cohort={(release) => <CohortPanel release={release} />} />;
}

// The one place that joins features: each route names its page and who may see it.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/set-password', element: <SetPasswordPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/invitation', element: <AcceptInvitationPage /> },
      { path: '/join', element: <JoinPage /> },
      { path: '/join/confirm', element: <ConfirmApplicationPage /> },
      { path: '/', element: signedIn(<HomeRoute />) },
      { path: '/account', element: signedIn(<AccountRoute />) },
      {
        path: '/terms',
        element: (
          <RequireSession roles={['mvp']}>
            <TermsPage />
          </RequireSession>
        ),
      },
      {
        path: '/profile',
        element: signedIn(
          <ProfilePage>
            <NoticePreferencesPanel />
          </ProfilePage>,
          ['mvp'],
        ),
      },
      { path: '/report', element: signedIn(<ReportFormPage />) },
      { path: '/my-reports', element: signedIn(<MyReportsPage />) },
      // Staff read every report; an MVP only theirs (the API answers 404 for the others).
      { path: '/reports/:reportId', element: signedIn(<ReportRoute />) },
      { path: '/programs', element: signedIn(<ProgramsPage />, staff) },
      { path: '/programs/:programId', element: signedIn(<ProgramRoute />, staff) },
      { path: '/programs/:programId/reports', element: signedIn(<ProgramReportsRoute />, staff) },
      { path: '/programs/:programId/stats', element: signedIn(<StatsRoute />, staff) },
      { path: '/programs/:programId/stats/clusters', element: signedIn(<ClustersRoute />, staff) },
      { path: '/programs/:programId/rescue', element: signedIn(<RescueRoute />, staff) },
      { path: '/recognition', element: signedIn(<MyRecognitionPage />, ['mvp']) },
      // Those who look after the GitHub integration; the API refuses internal testers too.
      { path: '/programs/:programId/sync', element: signedIn(<SyncHealthRoute />, ['admin', 'engineer']) },
      { path: '/releases/:releaseId', element: signedIn(<ReleaseRoute />, staff) },
      { path: '/staff', element: signedIn(<StaffPage />, ['admin']) },
      { path: '/outbox', element: signedIn(<OutboxPage />, ['admin']) },
      { path: '/audit', element: signedIn(<AuditPage />, ['admin']) },
      {
        path: '*',
        element: (
          <main>
            <h1>Not found</h1>
            <p>There is no page here.</p>
          </main>
        ),
      },
    ],
  },
]);
