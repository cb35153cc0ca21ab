// Issue "Staff workspace": a dispatcher triages and assigns from the queue; the engineer, on a
// phone, records the on-site stages and asks for remote access; the customer approves in the
// portal (live on both sides); the engineer attaches the command log and resolves with a
// fault report; the customer confirms. Runs in the desktop and the phone project: the
// customer and the dispatcher use the project's viewport, the engineer always a phone.
import { test, expect, devices, Browser, Page } from '@playwright/test';
import { assignFromTriage, expectNoHorizontalScroll, hydrated, signIn } from './helpers';

async function contextFor(browser: Browser, device: (typeof devices)[string], email: string): Promise<Page> {
  const ctx = await browser.newContext({ ...device, locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

test('dispatch, on-site work with remote approval, resolution and confirmation', async ({ page: customer, browser }) => {
  test.setTimeout(90_000);
  await signIn(customer, 'user@acme.example');
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await customer.goto('/requests/new');
  await hydrated(customer);
  const title = `Core switch down ${Date.now()}`;
  await customer.getByLabel('Short summary').fill(title);
  await customer.getByLabel('What happened? What did you try?').fill('All VLANs on the plant floor are down since 08:10.');
  await customer.getByLabel('Fault type').selectOption('hardware');
  await customer.getByLabel('2 · Major').check();
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer).toHaveURL(/\/requests\/SR-\d{4}-\d{6}$/);
  const number = customer.url().split('/').pop()!;
  await hydrated(customer);

  // The dispatcher finds it in the triage queue and assigns Li Qiang, seeing each load.
  const viewport = test.info().project.name === 'mobile' ? devices['Pixel 7'] : devices['Desktop Chrome'];
  const desk = await contextFor(browser, viewport, 'dispatcher@provider.example');
  await desk.goto('/staff/triage');
  await hydrated(desk);
  const card = desk.locator(`li[data-number="${number}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('due')).toContainText('due in');
  await assignFromTriage(desk, number); // assigned: no longer in the unassigned queue
  await expect(customer.locator('[data-status]').first()).toHaveText('Assigned');

  // The engineer, on a phone: my work, nearest deadline first, then the stages.
  const eng = await contextFor(browser, devices['Pixel 7'], 'engineer@provider.example');
  await eng.goto('/staff/my-work');
  await hydrated(eng);
  await eng.locator(`li[data-number="${number}"] a`).click();
  await expect(eng.getByRole('heading', { level: 1 })).toContainText(title);
  await hydrated(eng);
  await expectNoHorizontalScroll(eng);
  for (const stage of ['Dispatched', 'On the way', 'On site']) {
    await eng.locator('.stage-buttons').getByRole('button', { name: stage, exact: true }).click();
    await expect(eng.locator('.stage-now')).toContainText(stage);
  }
  await expect(customer.locator('.timeline')).toContainText('Engineer: On site');
  await expect(customer.locator('[data-clock="on-site"]')).toHaveClass(/met/);

  // Remote access: asked by the engineer, approved by the customer, live on both sides.
  await eng.getByLabel(/^Plan/).fill('Log in over VPN to read the switch logs; 30 minutes; no outage.');
  await eng.getByRole('button', { name: 'Ask for remote access' }).click();
  await expect(customer.getByText('The engineer asks for remote access to your system.')).toBeVisible();
  await customer.locator('[data-remote="approve"]').click();
  await expect(eng.locator('.remote-session').first()).toHaveAttribute('data-status', 'approved');
  await eng.getByLabel('Command log (paste it here)').fill('switch# show logging\n%LINK-3-UPDOWN: Gi1/0/1 down');
  await eng.getByRole('button', { name: 'Finish and attach the log' }).click();
  await expect(customer.locator('.attachments')).toContainText('remote-session-');

  // An internal note never shows on the customer's page.
  await eng.locator('#note-body').fill('INTERNAL: supervisor firmware is out of support');
  await eng.getByRole('button', { name: 'Add note' }).click();
  await expect(eng.locator('.timeline')).toContainText('INTERNAL: supervisor');

  // Resolved with the fault report; the customer reads it and confirms.
  await eng.locator('.stage-buttons').getByRole('button', { name: 'Service restored', exact: true }).click();
  await expect(eng.locator('.stage-now')).toContainText('Service restored');
  await eng.getByLabel('Cause').fill('Failed supervisor module');
  await eng.getByLabel('What was done').fill('Replaced the module and restored the configuration');
  await eng.getByLabel('Parts replaced (one per line)').fill('SUP-2T');
  await eng.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(customer.locator('#fault-report')).toContainText('Failed supervisor module');
  await expect(customer.locator('.timeline')).not.toContainText('INTERNAL');
  await customer.getByRole('button', { name: 'Confirm it is solved' }).click();
  await expect(customer.locator('[data-status]').first()).toHaveText('Closed');
  await expect(eng.locator('[data-status]').first()).toHaveText('Closed');
});
