// A complaint to the service supervision, on a desktop and a phone: the customer complains
// from the menu's complaints page, a manager takes it up and answers it in their own browser,
// and the customer's open page shows the answer live; the customer accepts and it closes.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signedIn } from './helpers';

test('a complaint reaches a supervisor, is answered live and closes when accepted', async ({ browser }, info) => {
  test.setTimeout(90_000);
  const phone = info.project.name === 'mobile';
  const customer = await signedIn(browser, phone ? 'user@globex.example' : 'lead@acme.example', phone ? 'Pixel 7' : 'Desktop Chrome');
  await customer.goto('/complaints');
  await customer.getByRole('link', { name: 'Make a complaint' }).click();
  await expect(customer).toHaveURL(/\/complaints\/new$/);
  await expectAccessible(customer);
  const what = `Nobody called back after the visit (${info.project.name} ${Date.now()})`;
  await customer.getByLabel('What went wrong?').fill(what);
  await customer.getByRole('button', { name: 'Send the complaint' }).click();
  await expect(customer).toHaveURL(/\/complaints\/\d+$/);
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('CP-');
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Sent');
  await expect(customer.getByText(what)).toBeVisible();
  await expectAccessible(customer);
  if (phone) await expectNoHorizontalScroll(customer);
  const path = new URL(customer.url()).pathname;

  // A supervisor takes it up and answers, in their own browser.
  const manager = await signedIn(browser, 'manager@provider.example', 'Desktop Chrome');
  await manager.goto(path);
  await manager.getByRole('button', { name: 'Take it up' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('Being investigated');
  await manager.getByLabel('What was found (staff only)').fill('The visit report was never followed up.');
  await manager.getByLabel('What will change').fill('A follow-up call within one working day of every visit.');
  await manager.getByLabel('Answer', { exact: true }).fill('We are sorry. From now on we call back after every visit.');
  await manager.getByRole('button', { name: 'Send the answer' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText('Answered');

  // The customer's open page shows the answer without a reload, but not the findings.
  await expect(customer.getByText('We are sorry. From now on we call back after every visit.')).toBeVisible({ timeout: 15_000 });
  await expect(customer.getByText('A follow-up call within one working day of every visit.')).toBeVisible();
  await expect(customer.getByText('The visit report was never followed up.')).toHaveCount(0);
  await customer.getByRole('button', { name: 'Accept the answer' }).click();
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Closed: answer accepted');
  await expect(customer.getByRole('button', { name: 'Accept the answer' })).toHaveCount(0);
});
