import type { Program } from '#api/programs/programs.schemas.ts';

/** The product a program tests, and the repository its bugs go to once there is one. */
export function ProgramProduct(props: { program: Pick<Program, 'product' | 'githubRepo'> }) {
  return (
    <>
      {props.program.product}
      {props.program.githubRepo ? (
        <>
          {' · '}
          <code>{props.program.githubRepo}</code>
        </>
      ) : null}
    </>
  );
}
