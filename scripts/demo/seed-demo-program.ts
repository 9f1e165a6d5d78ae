import type { Prisma, PrismaClient } from '../../api/generated/prisma/client.ts';
import { hashPassword } from '../../api/lib/password.ts';
import { uuid7 } from '../../api/lib/uuid7.ts';
import { createProgram } from '../../api/programs/create-program.ts';
import {
  companies,
  components,
  type DemoBug,
  environments,
  firstNames,
  handleFor,
  lastNames,
  makeBugs,
  seededRandom,
} from './demo-data.ts';

const day = 24 * 60 * 60 * 1000;

export type DemoCluster = {
  /** Reports of one bug in filing order; the first is the finder. */
  reportIds: string[];
  /** Engineering's view: the priority label put on the canonical issue, or none yet. */
  label: 'P0' | 'P1' | 'P2' | 'P3' | null;
  closing: 'completed' | 'not_planned' | 'wontfix' | null;
  /** Which report engineering keeps open as the canonical issue (usually the first). */
  canonicalIndex: number;
};

export type DemoProgram = {
  programId: string;
  repo: string;
  admin: { email: string; password: string };
  mvp: { email: string; password: string };
  currentVersion: string;
  clusters: DemoCluster[];
  engineers: string[];
  internalLogins: string[];
};

/**
 * The demo's program, straight into the database: three releases (two shipped, one testing), 40
 * MVPs with handles and accepted terms, six internal testers, and about 300 reports of about 200
 * bugs, each report with its sync job, so the sync creates their issues as it would for reports
 * filed in the portal.
 */
export async function seedDemoProgram(prisma: PrismaClient, options: { repo: string; password: string }) {
  const random = seededRandom(20261123);
  const passwordHash = await hashPassword(options.password);
  const now = Date.now();

  const admin = await prisma.user.create({
    data: { email: 'lead@acme.test', name: 'Morgan Lead', role: 'admin', passwordHash },
    select: { id: true, email: true },
  });
  const engineer = await prisma.user.create({
    data: { email: 'engineer@acme.test', name: 'Devon Engineer', role: 'engineer', passwordHash },
    select: { id: true },
  });
  const { id: programId } = await createProgram({
    prisma,
    actor: { id: admin.id, name: 'Morgan Lead' },
    termsText: 'Pre-release builds are confidential. Report what you find here, not in public.',
    name: 'Acme Desktop MVPs',
    product: 'Acme Desktop',
    githubRepo: options.repo,
    priorityLevels: ['P0', 'P1', 'P2', 'P3'],
    priorityLabels: [
      { label: 'P0', level: 'P0' },
      { label: 'priority: critical', level: 'P0' },
      { label: 'P1', level: 'P1' },
      { label: 'priority: high', level: 'P1' },
      { label: 'P2', level: 'P2' },
      { label: 'P3', level: 'P3' },
    ],
    priorityThreshold: 'P1',
    notActionableLabels: ['invalid', 'wontfix'],
    githubCommenters: [],
    suggestInternalReports: false,
    components: [...components],
  });
  const terms = await prisma.programTerms.findFirstOrThrow({
    where: { programId },
    select: { id: true, version: true, textHash: true },
  });

  const releaseSpecs = [
    { version: '4.0', build: '4.0.1180', start: now - 120 * day, end: now - 90 * day, status: 'shipped' as const },
    { version: '4.1', build: '4.1.1422', start: now - 70 * day, end: now - 40 * day, status: 'shipped' as const },
    { version: '5.0', build: '5.0.0731', start: now - 12 * day, end: now + 18 * day, status: 'testing' as const },
  ];
  const releases = [];
  for (const spec of releaseSpecs) {
    releases.push(
      await prisma.release.create({
        data: {
          programId,
          version: spec.version,
          build: spec.build,
          testStart: new Date(spec.start),
          testEnd: new Date(spec.end),
          status: spec.status,
          shippedAt: spec.status === 'shipped' ? new Date(spec.end + 2 * day) : null,
          focusAreas: ['Printing', 'Sync'],
          instructions: `Install build ${spec.build}, then use it for your daily work. Focus on printing and sync.`,
          cohortCapacity: 60,
        },
        select: { id: true, version: true },
      }),
    );
  }

  const mvps: { id: string }[] = [];
  for (let index = 0; index < 40; index += 1) {
    const name = `${firstNames[index % firstNames.length]} ${lastNames[index % lastNames.length]}`;
    const email = index === 0 ? 'mvp@acme.test' : `mvp${index + 1}@customers.test`;
    const user = await prisma.user.create({
      data: {
        email,
        name,
        role: 'mvp',
        passwordHash,
        mvpProfile: {
          create: {
            company: companies[index % companies.length] as string,
            handle: handleFor(index),
            platforms: ['Windows'],
            devices: [],
            showOnLeaderboard: index % 9 !== 4,
          },
        },
      },
      select: { id: true },
    });
    mvps.push(user);
    await prisma.termsAcceptance.create({
      data: { userId: user.id, programId, termsId: terms.id, version: terms.version, textHash: terms.textHash },
      select: { id: true },
    });
  }
  const internals: { id: string }[] = [];
  for (let index = 0; index < 6; index += 1) {
    internals.push(
      await prisma.user.create({
        data: {
          email: `qa${index + 1}@acme.test`,
          name: `QA Tester ${index + 1}`,
          role: 'internal_tester',
          passwordHash,
        },
        select: { id: true },
      }),
    );
  }
  // Engineers and internal testers work only on the programs they are members of.
  await prisma.programMember.createMany({
    data: [engineer, ...internals].map((member) => ({ programId, userId: member.id })),
  });

  // Every MVP in the current release; most in one or both earlier ones.
  for (const [releaseIndex, release] of releases.entries()) {
    const shipped = releaseSpecs[releaseIndex]?.status === 'shipped';
    for (const [index, mvp] of mvps.entries()) {
      if (releaseIndex < 2 && (index + releaseIndex) % 4 === 0) continue;
      await prisma.enrolment.create({
        data: {
          releaseId: release.id,
          userId: mvp.id,
          email: index === 0 ? 'mvp@acme.test' : `mvp${index + 1}@customers.test`,
          name: `${firstNames[index % firstNames.length]} ${lastNames[index % lastNames.length]}`,
          company: companies[index % companies.length] as string,
          status: shipped ? 'completed' : 'active',
          source: 'invitation',
          activatedAt: new Date((releaseSpecs[releaseIndex]?.start ?? now) - day),
          endedAt: shipped ? new Date((releaseSpecs[releaseIndex]?.end ?? now) + 2 * day) : null,
        },
        select: { id: true },
      });
    }
  }

  const clusters: DemoCluster[] = [];
  const reports: Prisma.ReportCreateManyInput[] = [];
  const events: Prisma.ReportEventCreateManyInput[] = [];
  const jobs: Prisma.SyncJobCreateManyInput[] = [];
  const bugsPerRelease = [65, 60, 80];
  for (const [releaseIndex, release] of releases.entries()) {
    const spec = releaseSpecs[releaseIndex];
    if (!spec) continue;
    const shipped = spec.status === 'shipped';
    const filedUntil = Math.min(spec.end, now - day / 24);
    const bugs: DemoBug[] = makeBugs(random, bugsPerRelease[releaseIndex] ?? 100);
    for (const bug of bugs) {
      // How many people found it, and who first: customers find a good share of what matters.
      const finders = random.chance(0.62) ? 1 : random.chance(0.7) ? 2 : 3;
      const first = spec.start + random.next() * (filedUntil - spec.start) * 0.8;
      const reportIds: string[] = [];
      let at = first;
      for (let n = 0; n < finders; n += 1) {
        const customer = random.chance(n === 0 ? 0.45 : 0.55);
        const reporter = customer ? random.pick(mvps) : random.pick(internals);
        const id = uuid7(at);
        const filedAt = new Date(at);
        reports.push({
          id,
          programId,
          releaseId: release.id,
          reporterId: reporter.id,
          source: customer ? 'customer' : 'internal',
          title: bug.title,
          steps: `1. Open Acme Desktop ${spec.version}\n2. ${bug.title.toLowerCase()}\n3. Try again after restarting`,
          expected: 'It works as in the previous release.',
          actual: bug.title,
          severity: random.pick(['blocker', 'major', 'minor', 'cosmetic'] as const),
          component: bug.component,
          environment: { ...random.pick(environments), build: spec.version },
          createdAt: filedAt,
        });
        events.push({ reportId: id, kind: 'filed', actorId: reporter.id, data: {}, createdAt: filedAt });
        jobs.push({ kind: 'create_issue', key: `create_issue:${id}`, programId, reportId: id });
        reportIds.push(id);
        at += random.int(1, 72) * 60 * 60 * 1000;
        if (at > filedUntil) break;
      }
      const roll = random.next();
      const label = roll < 0.07 ? 'P0' : roll < 0.3 ? 'P1' : roll < 0.62 ? 'P2' : roll < 0.85 ? 'P3' : null;
      const closingRoll = random.next();
      const closing = shipped
        ? closingRoll < 0.72
          ? 'completed'
          : closingRoll < 0.88
            ? 'not_planned'
            : 'wontfix'
        : closingRoll < 0.25
          ? 'completed'
          : closingRoll < 0.3
            ? 'not_planned'
            : null;
      // Now and then engineering keeps a later (internal) issue open and folds the first into it.
      const canonicalIndex = reportIds.length > 1 && random.chance(0.15) ? reportIds.length - 1 : 0;
      clusters.push({ reportIds, label: label as DemoCluster['label'], closing, canonicalIndex });
    }
  }
  // Filed in one go; the sync's worker then creates their issues in filing order.
  await prisma.report.createMany({ data: reports });
  await prisma.reportEvent.createMany({ data: events });
  await prisma.syncJob.createMany({ data: jobs });
  return {
    programId,
    repo: options.repo,
    admin: { email: admin.email, password: options.password },
    mvp: { email: 'mvp@acme.test', password: options.password },
    currentVersion: releaseSpecs[2]?.version ?? '5.0',
    clusters,
    engineers: ['devon-eng', 'maria-eng'],
    internalLogins: ['qa-lin', 'qa-sam', 'qa-noor'],
  } satisfies DemoProgram;
}
