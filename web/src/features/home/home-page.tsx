import { Link } from 'react-router';
import { roleNames, useSignedInUser } from '../../lib/session.ts';

// Honest about what exists today: only team management and account settings are built so far.
const comingNext = {
  admin: 'Programs and releases will appear here: you will create them, invite MVPs and follow their bug reports.',
  engineer: 'Programs and releases will appear here, with the bug reports filed against them and their GitHub issues.',
  internal_tester: 'Programs and releases will appear here, and you will file bugs against the releases under test.',
  mvp: 'The releases you are enrolled in will appear here, with their test window and instructions.',
} as const;

export function HomePage() {
  const user = useSignedInUser();
  return (
    <main>
      <h1>Welcome, {user.name}</h1>
      <p className="lead">Your role: {roleNames[user.role]}.</p>
      <ul className="tiles">
        {user.role === 'admin' ? (
          <li className="tile">
            <h2>Your team</h2>
            <p>Add engineers, internal testers and other program leads, change their roles and send password links.</p>
            <Link to="/staff">Manage the team</Link>
          </li>
        ) : null}
        <li className="tile">
          <h2>Your account</h2>
          <p>Change your password, or sign out on every device.</p>
          <Link to="/account">Open your settings</Link>
        </li>
        <li className="tile tile-placeholder">
          <h2>Programs and releases</h2>
          <p>{comingNext[user.role]}</p>
        </li>
      </ul>
    </main>
  );
}
