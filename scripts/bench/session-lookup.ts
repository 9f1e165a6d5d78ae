import { hashToken } from '../../api/lib/tokens.ts';
import type { BenchServer } from './bench-server.ts';
import { describe, measure } from './measure.ts';

/** GET /api/auth/me through the whole stack, against the same session lookup in plain Prisma. */
export async function benchSessionLookup(server: BenchServer, options: { seconds: number; concurrency: number }) {
  const { cookie } = await server.sessionFor('engineer');
  const url = `${server.url}/api/auth/me`;
  const api = await measure(async () => {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`GET /api/auth/me answered ${response.status}`);
    await response.arrayBuffer();
  }, options);
  const id = hashToken(cookie.split('=')[1]!);
  // findFirst, not findUnique: Prisma batches findUnique calls made in one tick into one query,
  // which requests arriving one by one never get.
  const raw = await measure(async () => {
    await server.prisma.session.findFirst({
      where: { id },
      select: { expiresAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
    });
  }, options);
  return `session lookup  GET /api/auth/me ${describe(api)} | plain Prisma ${describe(raw, '/s')} | ratio API/raw ${(api.perSecond / raw.perSecond).toFixed(2)}`;
}
