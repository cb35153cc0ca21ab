// Issue "Satisfaction surveys that close the loop": a request is closed; the survey is mailed
// with a one-time link; the customer answers low through the link on a phone without signing
// in; a follow-up is opened for a manager, which the customer sees; the manager resolves it;
// the customer answers its survey high in the portal, and the first request now counts as
// satisfied. The link works once. Runs in the desktop and the phone project.
import { test, expect, devices, Browser, Page } from '@playwright/test';
import { assignFromTriage, callApi, expectNoHorizontalScroll, hydrated, signIn, surveyLink } from './helpers';

async function signedIn(browser: Browser, email: string, device = devices['Desktop Chrome']): Promise<Page> {
  const ctx = await browser.newContext({ ...device, locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

async function act(page: Page, action: string) {
  await page.locator(`form[data-action="${action}"]`).getByRole('button').click();
}

async function pick(page: Page, key: string, label: string) {
  await page.locator(`fieldset[data-key="${key}"]`).locator('label', { hasText: new RegExp(`^${label}$`) }).click();
}

test('close, answer low through the link, follow-up for the manager and the customer, answer again high', async ({ page: customer, browser }) => {
  test.setTimeout(150_000);
  const phone = test.info().project.name === 'mobile';
  const device = phone ? devices['Pixel 7'] : devices['Desktop Chrome'];

  // Surveys go out at once for this journey (the default waits an hour after closing).
  const admin = await signedIn(browser, 'admin@provider.example');
  await callApi(admin, 'save_survey_settings', {
    delay_minutes: '0', expiry_days: '14', reminder_after_days: '3', low_score_threshold: '2', sample_percent: '100', final_after_days: '7',
  });

  // Grace (Globex) asks a question; the desk assigns it; Li Qiang answers it; she confirms.
  await signIn(customer, 'user@globex.example');
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await customer.goto('/requests/new');
  await hydrated(customer);
  const title = `Label printer setup ${Date.now()}`;
  await customer.getByLabel('Short summary').fill(title);
  await customer.getByLabel('What happened? What did you try?').fill('How do we add the new label printer to the warehouse PCs?');
  await customer.getByLabel('Question / consultation').check();
  await customer.getByLabel('Fault type').selectOption('');
  await customer.getByLabel('Contact phone').fill('+86 21 5555 0199');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer).toHaveURL(/\/requests\/SR-\d{4}-\d{6}$/);
  const number = customer.url().split('/').pop()!;
  await hydrated(customer);

  const desk = await signedIn(browser, 'dispatcher@provider.example');
  await desk.goto('/staff/triage');
  await hydrated(desk);
  await assignFromTriage(desk, number);

  const eng = await signedIn(browser, 'engineer@provider.example', devices['Pixel 7']);
  await eng.goto(`/requests/${number}`);
  await hydrated(eng);
  await act(eng, 'start_work');
  await expect(eng.locator('[data-status]').first()).toHaveText('In progress');
  await act(eng, 'resolve');
  await expect(eng.locator('[data-status]').first()).toHaveText('Resolved');

  await expect(customer.locator('[data-status]').first()).toHaveText('Resolved', { timeout: 2000 });
  await act(customer, 'confirm_resolution');
  await expect(customer.locator('[data-status]').first()).toHaveText('Closed');

  // The survey arrives: on the request page (live) and by mail with a one-time link.
  await expect(customer.locator('#survey')).toBeVisible({ timeout: 10_000 });
  await expect(customer.locator('#survey')).toContainText('Waiting for an answer');
  const link = await surveyLink(number);

  // Opened on a phone, not signed in: the form, one thumb, nothing recorded by opening it.
  const anonCtx = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
  const anon = await anonCtx.newPage();
  await anon.goto(link);
  await hydrated(anon);
  await expect(anon.getByRole('heading', { level: 1 })).toHaveText('How did we do?');
  await expect(anon.getByText(number)).toBeVisible();
  await expectNoHorizontalScroll(anon);
  await expect(customer.locator('#survey')).toContainText('Waiting for an answer');
  await expect(anon.locator('fieldset[data-key="reasons"]')).toBeHidden();
  await pick(anon, 'overall', '2');
  await pick(anon, 'speed', '2');
  await pick(anon, 'professionalism', '3');
  await pick(anon, 'solved', 'No');
  // A low score asks what went wrong.
  await expect(anon.locator('fieldset[data-key="reasons"]')).toBeVisible();
  await anon.locator('fieldset[data-key="reasons"] label', { hasText: 'Slow to respond' }).click();
  await anon.locator('fieldset[data-key="comment"] textarea').fill('Nobody called back for two days.');
  await anon.getByRole('button', { name: 'Submit' }).click();
  await expect(anon.getByText('Thank you, your answer is recorded.')).toBeVisible();
  await expect(anon.getByText('A manager has been asked to follow up')).toBeVisible();

  // The link works once.
  await anon.goto(link);
  await expect(anon.locator('[data-link-state="used"]')).toBeVisible();
  await anonCtx.close();

  // The customer sees the follow-up, live, with the manager it went to.
  const notice = customer.locator('#survey [data-followup]');
  await expect(notice).toBeVisible({ timeout: 5000 });
  await expect(notice).toContainText('Wang Fang');
  const followUp = (await notice.getAttribute('data-followup'))!;
  await expect(customer.locator('.timeline')).toContainText(`Follow-up ${followUp} opened`);

  // The manager finds it in their work and resolves it.
  const manager = await signedIn(browser, 'manager@provider.example', device);
  await manager.goto('/staff/my-work');
  await hydrated(manager);
  await manager.locator(`li[data-number="${followUp}"] a`).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText(`Follow-up: ${title}`);
  await hydrated(manager);
  await expect(manager.locator('.description')).toContainText('Nobody called back for two days.');
  await act(manager, 'start_work');
  await expect(manager.locator('[data-status]').first()).toHaveText('In progress');
  await act(manager, 'resolve');
  await expect(manager.locator('[data-status]').first()).toHaveText('Resolved');

  // The customer confirms the follow-up and answers its survey high, in the portal.
  await customer.goto(`/requests/${followUp}`);
  await hydrated(customer);
  await act(customer, 'confirm_resolution');
  await expect(customer.locator('[data-status]').first()).toHaveText('Closed');
  await expect(customer.locator('#survey form')).toBeVisible({ timeout: 10_000 });
  await pick(customer, 'overall', '5');
  await pick(customer, 'speed', '4');
  await pick(customer, 'professionalism', '5');
  await pick(customer, 'solved', 'Yes');
  await expect(customer.locator('fieldset[data-key="reasons"]')).toBeHidden();
  await customer.getByRole('button', { name: 'Submit' }).click();
  await expect(customer.getByText('Thank you, your answer is recorded.')).toBeVisible();
  await expect(customer.locator('#survey .survey-answers')).toContainText('5 / 5');

  // The first request now counts as satisfied.
  await customer.goto(`/requests/${number}`);
  await hydrated(customer);
  await expect(customer.locator('#survey')).toContainText('Satisfied after the follow-up.');

  // (The delay stays at 0: this server's database is the journeys' own, and the other
  // project may be half-way through this same journey.)
});
