// Which roles are staff: program leads (admin), engineers and internal testers. MVPs join by
// invitation. Routes of every feature restrict themselves to these.

export const staffRoles = ['admin', 'engineer', 'internal_tester'] as const;
