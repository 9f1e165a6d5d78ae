import type { ReleaseStatus } from '#api/releases/releases.schemas.ts';

export const releaseStatusNames: Record<ReleaseStatus, string> = {
  planned: 'Planned',
  testing: 'Testing',
  shipped: 'Shipped',
};
