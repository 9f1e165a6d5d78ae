import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, signedInPage } from '../support/browser-flows.ts';
import { addProgram, createStaffMember, portalForFile } from '../support/portal-fixtures.ts';

// An admin makes an engineer a member and lead of one program on its page; the engineer signs in,
// sees that program only, and adds a release to it.

const portal = portalForFile();

const admin = { name: 'Avery Admin', email: 'avery@example.test', password: 'a long enough password' };
const engineer = { name: 'Eli Engineer', email: 'eli@example.test', password: 'the engineer password' };

describe('staff per program in the portal', () => {
  it('an admin adds an engineer as lead of one program, and the engineer manages that program only', async () => {
    const { context: adminContext, page, errors: adminErrors, api } = await firstAdminSession(portal, admin);

    const program = (name: string) => addProgram(api, { name, product: 'Acme', termsText: 'Keep it to yourself.' });
    const desktop = await program('Acme Desktop MVPs');
    const cloud = await program('Acme Cloud MVPs');
    await createStaffMember(api, portal.baseUrl, engineer, 'engineer');

    await page.goto(`${portal.baseUrl}/programs/${desktop.id}`);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByText('No member yet.').waitFor();
    await members.getByLabel('Staff member').selectOption({ label: `${engineer.name} (Engineer, ${engineer.email})` });
    await members.getByLabel('Lead of this program').check();
    await members.getByRole('button', { name: 'Add member' }).click();
    const row = members.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: engineer.name });
    await row.getByText('Lead', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Remove ${engineer.name} as lead` }).waitFor();
    await screenshot(page, 'program-members-admin');
    expect(adminErrors()).toEqual([]);

    const { context: engineerContext, page: own, errors: engineerErrors } = await signedInPage(portal, engineer);
    await own.getByRole('link', { name: 'Programs', exact: true }).click();
    await own.getByRole('heading', { name: 'Your programs' }).waitFor();
    await own.getByRole('link', { name: desktop.name }).waitFor();
    expect(await own.getByRole('link', { name: cloud.name }).count()).toBe(0);

    await own.getByRole('link', { name: desktop.name }).click();
    await own.getByRole('heading', { name: desktop.name }).waitFor();
    await own.getByRole('button', { name: 'New release' }).click();
    await own.getByLabel('Version').fill('2.0');
    await own.getByLabel('Build').fill('2.0.0-beta.1');
    await own.getByRole('button', { name: 'Create release' }).click();
    await own.getByRole('heading', { name: 'Release 2.0' }).waitFor();
    await screenshot(own, 'program-members-lead-release');
    expect(engineerErrors()).toEqual([]);

    // The other program is not there for them, as if it did not exist.
    await own.goto(`${portal.baseUrl}/programs/${cloud.id}`);
    await own.getByRole('heading', { name: 'Program not available' }).waitFor();
    await own.getByText('No such program.').waitFor();

    await engineerContext.close();
    await adminContext.close();
  });
});
