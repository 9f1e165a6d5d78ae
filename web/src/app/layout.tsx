import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { SignOutButton } from '../features/auth/sign-out-button.tsx';
import { roleNames, useSession } from '../lib/session.ts';
import { usePageHeading } from './use-page-heading.ts';

/**
 * Header and navigation; entries depend on the role, and only signed-in people see them. On a
 * laptop they stand in one row; on a phone they fold into a menu opened by one button.
 */
export function Layout() {
  const user = useSession().data?.user;
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  usePageHeading();
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new page
  useEffect(() => setMenuOpen(false), [pathname]);

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
              <button
                type="button"
                className="menu-toggle secondary"
                aria-expanded={menuOpen}
                aria-controls="main-menu"
                onClick={() => setMenuOpen(!menuOpen)}
              >
                Menu
              </button>
              <div id="main-menu" className={menuOpen ? 'main-menu open' : 'main-menu'}>
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
                    <span className="who-name-text" title={user.name}>
                      {user.name}
                    </span>{' '}
                    <small>{roleNames[user.role]}</small>
                  </span>
                  <SignOutButton />
                </div>
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
