import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { roleNames, useSignedInUser } from '../../lib/session.ts';

const programsTile = {
  admin: 'Create programs and their releases, invite MVPs, run the join link and the cohort.',
  engineer:
    'The programs you are a member of, each release with its test window, focus areas and instructions; as a lead, its releases, cohort and settings too.',
  internal_tester:
    'The releases under test in the programs you are a member of, with their focus areas and instructions; as a lead, their cohort and settings too.',
} as const;

/** Staff's home; `notices` (given by the router) say what needs their attention first. */
export function HomePage(props: { notices?: ReactNode }) {
  const user = useSignedInUser();
  return (
    <main>
      <h1>Welcome, {user.name}</h1>
      <p className="lead">Your role: {roleNames[user.role]}.</p>
      {props.notices}
      <ul className="tiles">
        {user.role === 'admin' ? (
          <li className="tile">
            <h2>Your team</h2>
            <p>Add engineers, internal testers and other admins, change their roles and send password links.</p>
            <Link to="/staff">Manage the team</Link>
          </li>
        ) : null}
        <li className="tile">
          <h2>Your account</h2>
          <p>Change your password, or sign out on every device.</p>
          <Link to="/account">Open your settings</Link>
        </li>
        {user.role !== 'mvp' ? (
          <li className="tile">
            <h2>Programs and releases</h2>
            <p>{programsTile[user.role]}</p>
            <Link to="/programs">Open the programs</Link>
          </li>
        ) : null}
      </ul>
    </main>
  );
}
