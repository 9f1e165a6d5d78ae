import { NavLink, Outlet } from 'react-router';
import { SignOutButton } from '../features/auth/sign-out-button.tsx';
import { roleNames, useSession } from '../features/auth/use-session.ts';

/** Header and navigation for signed-in people; entries depend on the role. */
export function Layout() {
  const user = useSession().data?.user;
  return (
    <>
      <header className="top">
        <NavLink to="/" className="brand">
          Fieldtest
        </NavLink>
        {user ? (
          <>
            <nav aria-label="Main">
              <NavLink to="/" end>
                Home
              </NavLink>
              {user.role === 'admin' ? <NavLink to="/staff">Staff</NavLink> : null}
              <NavLink to="/account">Account</NavLink>
            </nav>
            <div className="who">
              <span>
                {user.name} <small>{roleNames[user.role]}</small>
              </span>
              <SignOutButton />
            </div>
          </>
        ) : null}
      </header>
      <Outlet />
    </>
  );
}
