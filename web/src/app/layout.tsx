import { NavLink, Outlet } from 'react-router';
import { SignOutButton } from '../features/auth/sign-out-button.tsx';
import { roleNames, useSession } from '../lib/session.ts';

/** Header and navigation; entries depend on the role, and only signed-in people see them. */
export function Layout() {
  const user = useSession().data?.user;
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="top">
        <div className="top-inner">
          <NavLink to="/" className="brand">
            Fieldtest
          </NavLink>
          {user ? (
            <>
              <nav aria-label="Main">
                {user.role === 'mvp' ? (
                  <NavLink to="/" end>
                    Your releases
                  </NavLink>
                ) : (
                  <>
                    <NavLink to="/" end>
                      Home
                    </NavLink>
                    <NavLink to="/programs">Programs</NavLink>
                  </>
                )}
                {/* Everyone files: MVPs, internal testers, and program leads or engineers who find a bug. */}
                <NavLink to="/report">File a bug</NavLink>
                <NavLink to="/my-reports">My reports</NavLink>
                {user.role === 'mvp' ? <NavLink to="/recognition">Recognition</NavLink> : null}
                {user.role === 'mvp' ? <NavLink to="/profile">Profile</NavLink> : null}
                {user.role === 'admin' ? (
                  <>
                    <NavLink to="/staff">Staff</NavLink>
                    <NavLink to="/outbox">Outbox</NavLink>
                    <NavLink to="/audit">Audit</NavLink>
                  </>
                ) : null}
                <NavLink to="/account">Account</NavLink>
              </nav>
              <div className="who">
                <span className="who-name">
                  {user.name} <small>{roleNames[user.role]}</small>
                </span>
                <SignOutButton />
              </div>
            </>
          ) : null}
        </div>
      </header>
      <div id="content">
        <Outlet />
      </div>
    </>
  );
}
