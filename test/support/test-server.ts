import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../api/env.ts';
import type { Role } from '../../api/generated/prisma/client.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { hashPassword } from '../../api/lib/password.ts';
import { type RunningServer, startServer } from '../../api/start-server.ts';
import { createClient } from './http-client.ts';
import { createTestDatabase } from './test-database.ts';

export const testPassword = 'correct horse battery staple';

/** The real server on a free port over a fresh database of the kind this test project runs on. */
export async function startTestServer(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  // A folder of its own unless told: the default under ./data would mix every test's uploads with
  // the developer's own.
  const files = env.ATTACHMENTS_DIR ? null : await mkdtemp(join(tmpdir(), 'fieldtest-files-'));
  const parsed = parseEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
    // Tests share two cores with each other, and some send a burst of requests at once on purpose:
    // neither is an overload to shed (test/api/load-shedding.test.ts sets the limits it tests).
    MAX_EVENT_LOOP_DELAY_MS: '0',
    MAX_REQUESTS_IN_FLIGHT: '0',
    ...(files ? { ATTACHMENTS_DIR: files } : {}),
    ...env,
  });
  const cleanUp = async () => {
    await database.drop();
    if (files) await rm(files, { recursive: true, force: true });
  };
  let server: RunningServer;
  try {
    server = await startServer({ env: parsed, logger: createLogger(parsed.logLevel), target: database.target });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const { prisma } = server;
  let users = 0;
  return {
    url: server.url,
    prisma,
    setupLink: server.setupLink,
    stop: async () => {
      await server.stop(1000);
      await cleanUp();
    },
    client: (headers?: Record<string, string>) => createClient(server.url, { headers }),
    /** Creates an account directly in the database, with `testPassword` unless told otherwise. */
    createUser: async (role: Role, options: { email?: string; password?: string | null; name?: string } = {}) => {
      users += 1;
      const password = options.password === undefined ? testPassword : options.password;
      return prisma.user.create({
        data: {
          email: options.email ?? `${role}-${users}@example.test`,
          name: options.name ?? `${role} ${users}`,
          role,
          passwordHash: password === null ? null : await hashPassword(password),
        },
        select: { id: true, email: true, name: true, role: true },
      });
    },
    /**
     * Makes an engineer or internal tester a member (or, with `lead`, a lead) of programs: staff
     * other than admins see and act only on the programs they are members of.
     */
    addToPrograms: async (userId: string, programIds: string[], options: { lead?: boolean } = {}) => {
      for (const programId of programIds) {
        await prisma.programMember.upsert({
          where: { programId_userId: { programId, userId } },
          create: { programId, userId, lead: options.lead ?? false },
          update: { lead: options.lead ?? false },
          select: { programId: true },
        });
      }
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A client signed in as a new user of the role (each from its own address, so throttles stay apart);
 * an engineer or internal tester is made a member (or lead) of `programs`.
 */
export async function signedInClient(
  server: TestServer,
  role: Role,
  options: { programs?: string[]; lead?: boolean } = {},
) {
  const user = await server.createUser(role);
  if (options.programs) await server.addToPrograms(user.id, options.programs, { lead: options.lead ?? false });
  const client = server.client({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` });
  const response = await client.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
  if (response.status !== 200) throw new Error(`sign-in as ${role} failed with ${response.status}`);
  return { user, client };
}

export function tokenOf(link: string): string {
  return new URL(link).hash.slice(1);
}
