// A customer's journey with JavaScript off (a locked-down or very old phone): sign in, report
// a fault, reply on it, confirm the fix, then answer the survey from its mailed link. Every
// step is a plain HTML form post answered with a redirect. Staff work in their own browsers
// (JavaScript on) through the same server functions the pages call.
import { test, expect } from '@playwright/test';
import { callApi, plainSignIn, staffBrowser as staff, surveyLink } from './helpers';

test('a customer reports, replies, confirms and answers the survey link without JavaScript', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await staff(browser, 'admin@provider.example');
  await callApi(admin, 'save_survey_settings', {
    delay_minutes: '0', expiry_days: '14', reminder_after_days: '3', low_score_threshold: '2', sample_percent: '100', final_after_days: '7',
  });

  // Report a fault: the form posts, the server answers with the new request's page.
  await plainSignIn(page, 'user@globex.example');
  await page.goto('/requests/new');
  const title = `Scanner offline ${Date.now()}`;
  await page.getByLabel('Short summary').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('The scanner on floor 2 shows offline since this morning.');
  await page.getByLabel('Question / consultation').check();
  await page.getByLabel('Fault type').selectOption('');
  await page.getByLabel('Contact phone').fill('+86 21 5555 0142');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d{6}$/);
  const number = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

  // Reply: back on the same page, the reply in the timeline.
  await page.locator('#reply-body').fill('It is the Canon in room 204.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${number}`));
  await expect(page.locator('.timeline')).toContainText('It is the Canon in room 204.');

  // The desk assigns it, the engineer works and resolves it (their own browsers).
  const desk = await staff(browser, 'dispatcher@provider.example');
  await desk.goto('/staff/triage');
  const engineer = await desk.locator(`li[data-number="${number}"] option`, { hasText: /^Li Qiang \(\d+\)$/ }).getAttribute('value');
  await callApi(desk, 'dispatch_request', { number, engineer_id: engineer! });
  const eng = await staff(browser, 'engineer@provider.example');
  await callApi(eng, 'act_on_request', { number, action: 'start_work' });
  await callApi(eng, 'act_on_request', { number, action: 'resolve' });

  // The customer confirms the fix with the page's plain form.
  await page.goto(`/requests/${number}`);
  await expect(page.locator('[data-status]').first()).toHaveText('Resolved');
  await page.locator('form[data-action="confirm_resolution"]').getByRole('button').click();
  await expect(page.locator('[data-status]').first()).toHaveText('Closed');

  // The survey link, opened twice without signing in: opening records nothing.
  const link = await surveyLink(number);
  const anon = await (await browser.newContext({ locale: 'en-US', javaScriptEnabled: false })).newPage();
  await anon.goto(link);
  await anon.goto(link);
  await expect(anon.getByRole('heading', { level: 1 })).toHaveText('How did we do?');

  // Sent without the required score: the error, and the comment typed is still there.
  await anon.locator('fieldset[data-key="comment"] textarea').fill('Slow to start, fine after.');
  await anon.getByRole('button', { name: 'Submit' }).click();
  await expect(anon.locator('fieldset[data-key="overall"]')).toContainText('Please fill this in.');
  await expect(anon.locator('fieldset[data-key="comment"] textarea')).toHaveValue('Slow to start, fine after.');

  // A low score: thanks, and the promise of a manager's follow-up. Without JavaScript the
  // reasons are on the form from the start (nothing could show them once the score is low).
  const pick = (key: string, label: string) =>
    anon.locator(`fieldset[data-key="${key}"]`).locator('label', { hasText: new RegExp(`^${label}$`) }).click();
  await pick('overall', '2');
  await pick('speed', '2');
  await pick('professionalism', '3');
  await pick('solved', 'No');
  await pick('reasons', 'Slow to respond');
  await anon.getByRole('button', { name: 'Submit' }).click();
  await expect(anon.getByRole('status')).toHaveText('Thank you, your answer is recorded.');
  await expect(anon.getByText('A manager has been asked to follow up')).toBeVisible();

  // The link is spent; the request shows the answer and the follow-up.
  await anon.goto(link);
  await expect(anon.locator('[data-link-state="used"]')).toBeVisible();
  await page.goto(`/requests/${number}`);
  await expect(page.locator('.timeline')).toContainText('Follow-up');
});
