import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { addProgram, portalForFile } from '../support/portal-fixtures.ts';

const portal = portalForFile();

const admin = { name: 'Avery Admin', email: 'avery@example.test', password: 'a long enough password' };

describe('the audit trail in the portal', () => {
  it('shows the threshold change on the Audit page, and the dashboard says when the mapping last changed', async () => {
    const { context, page, errors: pageErrors, api } = await firstAdminSession(portal, admin);
    const program = await addProgram(api, { name: 'Acme Desktop MVPs' });

    // The dashboard says nothing of a change before there is one.
    await page.goto(`${portal.baseUrl}/programs/${program.id}/stats`);
    await page.getByRole('heading', { name: /Contribution/ }).waitFor();
    expect(await page.getByText(/Priority mapping last changed/).count()).toBe(0);

    await page.goto(`${portal.baseUrl}/programs/${program.id}`);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await page.getByLabel('Priority threshold').selectOption('P0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Program settings changed' });
    await row.waitFor();
    expect(await row.textContent()).toContain('priorityThreshold: P1 → P0');
    expect(await row.textContent()).toContain(admin.name);
    expect(await row.textContent()).toContain('Acme Desktop MVPs');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Program created' }).count()).toBe(1);

    // Narrowed to one action, the creation is left out.
    await page.getByLabel('Action').selectOption('program.settings_changed');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Program created' }).count()).toBe(0);
    await expect.poll(() => row.count()).toBe(1);
    await screenshot(page, 'audit-page');

    await page.goto(`${portal.baseUrl}/programs/${program.id}/stats`);
    const line = page.getByText(/Priority mapping last changed .+ by Avery Admin\./);
    await line.waitFor();
    await screenshot(page, 'audit-dashboard-mapping-change');

    expect(pageErrors()).toEqual([]);
    await context.close();
  });
});
