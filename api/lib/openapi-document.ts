import { problems } from './openapi.ts';

type Document = { paths?: object };
type Operation = { responses?: object };
type EdgeStatus = 403 | 413 | 415 | 503;
type EdgeAnswers = { statuses: EdgeStatus[]; appliesTo: (path: string, method: string) => boolean };

/**
 * The document as served: what @hono/zod-openapi generates from the route contracts, plus the
 * answers the edge middleware gives before any route runs (`edgeAnswers`: a write from another
 * origin, a body too large or not JSON, a request shed under load) on each operation they apply to, so that route contracts
 * need not each repeat them and a client reading the document meets no status it does not name.
 */
export function servedDocument<D extends Document>(generated: D, edgeAnswers: EdgeAnswers[]): D {
  const answer = (status: EdgeStatus) => ({
    description: problems(status)[status].description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  const answersFor = (path: string, method: string) =>
    Object.fromEntries(
      edgeAnswers
        .filter((group) => group.appliesTo(path, method))
        .flatMap((group) => group.statuses.map((status) => [status, answer(status)])),
    );
  const paths = Object.fromEntries(
    Object.entries((generated.paths ?? {}) as Record<string, Record<string, Operation>>).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          { ...operation, responses: { ...answersFor(path, method.toUpperCase()), ...operation.responses } },
        ]),
      ),
    ]),
  );
  return { ...generated, paths };
}
