import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/account/account-page.tsx';
import { SetPasswordPage } from '../features/auth/set-password-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { SetupPage } from '../features/setup/setup-page.tsx';
import { StaffPage } from '../features/staff/staff-page.tsx';
import { Layout } from './layout.tsx';
import { RequireSession } from './require-session.tsx';
import { RouteError } from './route-error.tsx';

// The one place that joins features: each route names its page and who may see it.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/set-password', element: <SetPasswordPage /> },
      {
        path: '/',
        element: (
          <RequireSession>
            <HomePage />
          </RequireSession>
        ),
      },
      {
        path: '/account',
        element: (
          <RequireSession>
            <AccountPage />
          </RequireSession>
        ),
      },
      {
        path: '/staff',
        element: (
          <RequireSession roles={['admin']}>
            <StaffPage />
          </RequireSession>
        ),
      },
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
