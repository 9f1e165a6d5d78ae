import { Link } from 'react-router';
import { useCanManageProgram } from '../../lib/session.ts';
import { usePrograms } from './programs-api.ts';

/** On the home page of those who run programs: each program whose reports cannot reach GitHub, and why. */
export function UnconnectedPrograms() {
  const programs = usePrograms();
  const unconnected = (programs.data?.items ?? []).filter((program) => program.githubProblem);
  if (!unconnected.length) return null;
  return (
    <section className="notice" role="alert" aria-labelledby="unconnected-heading">
      <h2 id="unconnected-heading">Not connected to GitHub</h2>
      <p>Reports of these programs wait in the queue until their repository is connected; nothing is lost.</p>
      <ul>
        {unconnected.map((program) => (
          <UnconnectedProgram key={program.id} id={program.id} name={program.name} problem={program.githubProblem!} />
        ))}
      </ul>
    </section>
  );
}

function UnconnectedProgram(props: { id: string; name: string; problem: string }) {
  const canManage = useCanManageProgram(props.id);
  return (
    <li>
      <Link to={`/programs/${props.id}`}>{props.name}</Link>: {props.problem}
      {canManage ? ' Fix it, then use “Check now” on the program page.' : ' Tell the program’s lead.'}
    </li>
  );
}
