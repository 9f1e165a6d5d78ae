import { roleNames, useSession } from '../auth/use-session.ts';

const nextSteps = {
  admin: 'Add your engineers and internal testers under Staff. Programs, releases and MVP invitations come next.',
  engineer: 'Reports that customers and internal testers file will appear here, each linked to its GitHub issue.',
  internal_tester: 'You will file bugs for the releases under test here, next to the customers in the program.',
  mvp: 'The releases you are enrolled in will appear here, with their test window and instructions.',
} as const;

export function HomePage() {
  const user = useSession().data?.user;
  if (!user) return null;
  return (
    <main>
      <h1>Welcome, {user.name}</h1>
      <p className="lead">Signed in as {roleNames[user.role]}.</p>
      <p>{nextSteps[user.role]}</p>
    </main>
  );
}
