// A person chooses which mail they get (desktop and phone): for each kind of event portal only,
// mail at once or the daily digest, and quiet hours; a bad time is named and changes nothing.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signIn } from './helpers';

test('a person chooses which mail they get, and a bad time is named', async ({ page }, info) => {
  // One person per project: the two projects run at once on one database.
  const email = info.project.name === 'mobile' ? 'lead@acme.example' : 'lead@globex.example';
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await page.goto('/account');
  await page.getByRole('link', { name: 'Mail notifications' }).click();
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mail notifications');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  const replies = page.getByRole('group', { name: 'New replies on requests' });
  const training = page.getByRole('group', { name: 'Training', exact: true });
  await expect(replies.getByLabel('Mail at once')).toBeChecked();
  // Customers are not offered the staff warnings.
  await expect(page.getByRole('group', { name: 'SLA clocks at 75 % (staff)' })).toHaveCount(0);

  await replies.getByLabel('Daily digest').check();
  await training.getByLabel('Portal only').check();
  await page.getByLabel('From', { exact: true }).fill('22:00');
  await page.getByLabel('To', { exact: true }).fill('07:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Mail settings saved.')).toBeVisible();
  await page.reload();
  await expect(replies.getByLabel('Daily digest')).toBeChecked();
  await expect(training.getByLabel('Portal only')).toBeChecked();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('22:00');

  // Quiet hours that end when they start: named, and nothing saved.
  await replies.getByLabel('Mail at once').check();
  await page.getByLabel('To', { exact: true }).fill('22:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The end must differ from the start.')).toBeVisible();
  await page.goto('/account/notifications');
  await expect(replies.getByLabel('Daily digest')).toBeChecked();
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('07:00');

  // Back to the defaults, for the other journeys.
  await replies.getByLabel('Mail at once').check();
  await training.getByLabel('Mail at once').check();
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Mail settings saved.')).toBeVisible();
});
