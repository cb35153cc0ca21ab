// Issue "Preventive inspections": the dispatcher moves one of next year's planned inspections
// to the coming days and assigns the engineer; the portal announces it at once (late, and it
// says so); the site manager confirms; the engineer does it on a phone, with the network cut
// off half-way (the answers are kept on the phone, the tab is even closed) and back on; a
// reading out of range is a finding that opens a request in one tap; the visit ends, the
// report clock runs, the report is written and the site manager signs it off; printed to PDF
// it is the report. Runnable on its own: npx playwright test inspection --project=mobile
import { test, expect, Page } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signedIn } from './helpers';

/** The working day `n` working days after today in Beijing time (Acme's calendar has no holidays). */
function workingDayAhead(n: number): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

const status = (page: Page) => page.locator('.page-head .badge.inspection-status');

test('an inspection from its announcement to the signed-off report, done on a phone offline and online', async ({ browser }) => {
  test.skip(test.info().project.name !== 'mobile', 'one journey: the engineer on a phone, the office on a desktop');
  test.setTimeout(120_000);

  // The dispatcher takes one of next year's planned inspections of Acme.
  const dispatcher = await signedIn(browser, 'dispatcher@provider.example', 'Desktop Chrome');
  // The first month of next year with one still planned (a run before may have taken some).
  const year = new Date().getFullYear() + 1;
  const card = dispatcher.locator('.inspection-card[data-status="planned"]', { hasText: 'Acme Manufacturing' }).first();
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    await dispatcher.goto(`/inspections?month=${month}`);
    await expect(dispatcher.getByTestId('month')).toHaveText(month);
    if ((await card.count()) > 0) break;
  }
  await card.getByRole('link').click();
  await expect(dispatcher).toHaveURL(/\/inspections\/\d+$/);
  const url = new URL(dispatcher.url()).pathname;
  await hydrated(dispatcher);
  await expect(status(dispatcher)).toHaveText('Planned');
  const day = workingDayAhead(2);
  await dispatcher.locator('form[data-step="move"] input[name="date"]').fill(day);
  await dispatcher.locator('form[data-step="move"]').getByRole('button', { name: 'Move to this date' }).click();
  await expect(dispatcher.getByTestId('inspection-date')).toContainText(day);
  await dispatcher.locator('form[data-step="assign"] select').selectOption({ label: 'Li Qiang' });
  await dispatcher.locator('form[data-step="assign"]').getByRole('button', { name: 'Assign' }).click();
  // The job announces it within seconds; the open page follows live, and says it is late.
  await expect(status(dispatcher)).toHaveText('Announced', { timeout: 15_000 });
  await expect(dispatcher.locator('.badge.late')).toContainText('less notice than the contract promises');
  await expectAccessible(dispatcher);

  // The site manager confirms the date.
  const lead = await signedIn(browser, 'lead@acme.example', 'Desktop Chrome');
  await lead.goto(url);
  await hydrated(lead);
  await expect(lead.getByTestId('inspection-date')).toContainText(day);
  await lead.getByRole('button', { name: 'Confirm the date' }).click();
  await expect(status(lead)).toHaveText('Date confirmed');
  await expect(status(dispatcher)).toHaveText('Date confirmed', { timeout: 15_000 });

  // On site, on a phone.
  const eng = await signedIn(browser, 'engineer@provider.example', 'Pixel 7');
  const ctx = eng.context();
  await eng.goto(url);
  await hydrated(eng);
  await eng.getByRole('button', { name: 'Start the inspection' }).click();
  await expect(status(eng)).toHaveText('On site');
  const item = (key: string) => eng.locator(`li.check-item[data-field="a:0:${key}"]`);
  await item('10').getByText('Pass', { exact: true }).click();
  await item('11').locator('input[name="a:0:11"]').fill('31');
  await item('11').locator('input[name="a:0:11"]').press('Tab');
  await expect(eng.getByTestId('sync-status')).toHaveText('All answers saved.');
  await expect(item('11').getByTestId('finding')).toBeVisible();
  await expectNoHorizontalScroll(eng);
  await expectAccessible(eng);

  // The network goes: what is entered stays on the phone, even when the tab is closed.
  await ctx.setOffline(true);
  await item('12').locator('input[name="a:0:12"]').fill('50');
  await item('12').locator('input[name="a:0:12"]').press('Tab');
  await item('14').getByText('low', { exact: true }).click();
  await expect(eng.getByTestId('sync-status')).toContainText('2 answers kept on this phone');
  await eng.close();
  await ctx.setOffline(false);
  const eng2 = await ctx.newPage();
  await eng2.goto(url);
  await hydrated(eng2);
  await expect(eng2.getByTestId('sync-status')).toHaveText('All answers saved.');
  await eng2.reload();
  await hydrated(eng2);
  await expect(eng2.locator('input[name="a:0:12"]')).toHaveValue('50');
  await expect(eng2.locator('li.check-item[data-field="a:0:14"] input[value="low"]')).toBeChecked();

  // The finding becomes a request in one tap.
  await eng2.locator('li.check-item[data-field="a:0:11"]').getByTestId('open-request').click();
  const request = eng2.locator('li.check-item[data-field="a:0:11"]').getByTestId('finding-request');
  await expect(request).toHaveText(/SR-\d{4}-\d{6}/);
  const number = (await request.textContent())!.trim();

  // The visit ends: the report clock runs; the report is written.
  await eng2.getByRole('button', { name: 'End the visit' }).click();
  await expect(status(eng2)).toHaveText('Report being written');
  await expect(eng2.getByTestId('report-clock')).toContainText('left');
  await eng2.locator('form[data-step="report"] textarea').fill('All items checked. Machine room at 31 °C: request opened for the air conditioning.');
  await eng2.getByRole('button', { name: 'Send the report' }).click();
  await expect(status(eng2)).toHaveText('Report ready');

  // The site manager reads it (live), signs it off, and prints it.
  await expect(status(lead)).toHaveText('Report ready', { timeout: 15_000 });
  await expect(lead.getByTestId('report-summary')).toContainText('Machine room at 31 °C');
  await lead.getByRole('button', { name: 'Sign off the report' }).click();
  await expect(status(lead)).toHaveText('Signed off');
  await expect(lead.locator(`a[data-testid="finding-request"]`)).toHaveText(number);
  await expectAccessible(lead);
  await lead.emulateMedia({ media: 'print' });
  await expect(lead.locator('.mainnav')).toBeHidden();
  await expect(lead.getByTestId('report-summary')).toBeVisible();
  const pdf = await lead.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  await lead.emulateMedia({ media: 'screen' });

  // The request knows where it came from.
  await lead.getByRole('link', { name: number }).click();
  await expect(lead.locator('.timeline')).toContainText('Opened from a finding of inspection');
});
