import { useQuery } from '@tanstack/react-query';
import { releaseAcceptsReports } from '#api/lib/release-accepts-reports.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { programQuery } from '../../lib/program-query.ts';
import { myReleasesQuery } from '../mvp-home/my-releases-api.ts';

/** A release one can file against now, named the way the reporter knows it. */
export type ReportableRelease = { id: string; programId: string; label: string; build: string };

type Candidate = { status: 'planned' | 'testing' | 'shipped'; testStart: string; testEnd: string };

// The API refuses reports outside the test window; the form offers only releases it would accept.
function acceptsReportsNow(release: Candidate): boolean {
  const window = { ...release, testStart: new Date(release.testStart), testEnd: new Date(release.testEnd) };
  return releaseAcceptsReports(window, new Date()).ok;
}

/**
 * MVPs file against the releases they are actively enrolled in; staff against any release in
 * testing, across programs (there are few programs, each with few releases under test at once).
 */
export function useReportableReleases(isMvp: boolean) {
  const mine = useQuery({
    ...myReleasesQuery,
    enabled: isMvp,
    select: (data): ReportableRelease[] =>
      data.releases
        .filter((release) => release.enrolmentStatus === 'active' && acceptsReportsNow(release))
        .map((release) => ({
          id: release.id,
          programId: release.programId,
          label: `${release.product} ${release.version} (${release.programName})`,
          build: release.build,
        })),
  });
  const testing = useQuery({
    queryKey: ['programs', 'testing-releases'],
    enabled: !isMvp,
    queryFn: async (): Promise<ReportableRelease[]> => {
      const programs = await unwrap(api.programs.$get());
      const perProgram = await Promise.all(
        programs.items.map(async (program) => {
          const releases = await unwrap(api.programs[':id'].releases.$get({ param: { id: program.id } }));
          return releases.items.filter(acceptsReportsNow).map((release) => ({
            id: release.id,
            programId: program.id,
            label: `${program.product} ${release.version} (${program.name})`,
            build: release.build,
          }));
        }),
      );
      return perProgram.flat();
    },
  });
  return isMvp ? mine : testing;
}

/** The components a report can name: the program's own list, possibly empty. */
export function useProgramComponents(programId: string | undefined) {
  return useQuery({
    ...programQuery(programId ?? ''),
    enabled: Boolean(programId),
    select: (program) => program.components,
  });
}
