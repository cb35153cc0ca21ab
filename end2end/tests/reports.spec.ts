// Service reports, on a desktop and a phone: a site manager's month counts a request just
// made and drills down to it; the page exports CSV and .xlsx and prints to PDF in Chromium.
// On the desktop a manager writes the week's account for Acme and its site manager reads it.
import { test, expect, Page } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signedIn } from './helpers';

async function post(page: Page, name: string, form: Record<string, string>): Promise<any> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/${name}`, { form, headers: { origin } });
  expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
  return res.json();
}

test('a month report counts a new request, drills down to it, exports and prints', async ({ browser }, info) => {
  test.setTimeout(90_000);
  const phone = info.project.name === 'mobile';
  const tag = `${info.project.name}-${Date.now().toString(36)}`;
  const lead = await signedIn(browser, 'lead@acme.example', phone ? 'Pixel 7' : 'Desktop Chrome');
  const site = String((await post(lead, 'get_device_form', { id: '0' })).site_id);
  const user = await signedIn(browser, 'user@acme.example', 'Desktop Chrome');
  const number: string = await post(user, 'submit_request', {
    title: `Report journey ${tag}`, description: 'The label printer jams on every second label.', kind: 'fault', fault_kind: 'hardware',
    severity: '3', system: '', site_id: site, contact_phone: '+86 21 5555 0100', device: '',
  });

  await lead.goto('/reports');
  const head = lead.locator('.report-head h2');
  await expect(head).toContainText('Acme Manufacturing');
  await expect(head).toContainText('Month');
  await expect(lead.locator('figure.chart-figure svg[role="img"]')).toHaveCount(1);
  await expect(lead.locator('#sla-table, #report-sla + p')).toHaveCount(1);
  await expectAccessible(lead);
  if (phone) await expectNoHorizontalScroll(lead);

  // "Requests opened" links to the requests it counts, the new one among them.
  await lead.locator('.stat [data-figure="opened"]').click();
  await expect(lead).toHaveURL(/\/reports\/requests\?.*figure=opened/);
  await expect(lead.locator('#drill-table')).toContainText(number);
  await expectAccessible(lead);
  if (phone) await expectNoHorizontalScroll(lead);
  await lead.getByRole('link', { name: 'Back to the report' }).click();
  await expect(head).toContainText('Acme Manufacturing');

  // The same figures as a spreadsheet and as CSV.
  const csvHref = await lead.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  const csv = await lead.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('# summary');
  expect(text).toContain('# sla');
  const xlsxHref = await lead.getByRole('link', { name: 'Download spreadsheet (.xlsx)' }).getAttribute('href');
  const xlsx = await lead.request.get(xlsxHref!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

  // Printed: no navigation or forms, the figures stay; Chromium makes the PDF.
  await lead.emulateMedia({ media: 'print' });
  await expect(lead.locator('.report-nav')).toBeHidden();
  await expect(lead.locator('.filters')).toBeHidden();
  await expect(lead.locator('#report-summary')).toBeVisible();
  await expect(lead.locator('figure.chart-figure svg')).toBeVisible();
  const pdf = await lead.pdf({ format: 'A4', printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
});

test('a manager writes the week account for a customer and its site manager reads it', async ({ browser }, info) => {
  test.skip(info.project.name !== 'desktop', 'a desktop journey for the manager (the phone reads reports above)');
  test.setTimeout(60_000);
  const manager = await signedIn(browser, 'manager@provider.example', 'Desktop Chrome');
  await manager.goto('/reports');
  await manager.getByRole('combobox', { name: 'Whose report' }).selectOption({ label: 'Acme Manufacturing' });
  await manager.getByRole('combobox', { name: 'Period' }).selectOption('week');
  await manager.getByRole('button', { name: 'Show' }).click();
  await expect(manager).toHaveURL(/period=week/);
  await expect(manager.locator('.report-head h2')).toContainText('Acme Manufacturing');
  const words = `Replaced the core switch in rack B (${Date.now().toString(36)})`;
  await manager.getByLabel('What was done').fill(words);
  await manager.getByLabel('Next week\'s plan').fill('Swap the UPS batteries at the Suzhou warehouse.');
  await manager.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByText('Saved.')).toBeVisible();
  await expectAccessible(manager);

  const lead = await signedIn(browser, 'lead@acme.example', 'Desktop Chrome');
  await lead.goto('/reports?period=week');
  await expect(lead.locator('#narrative')).toContainText(words);
  await expect(lead.locator('#narrative')).toContainText('Written by Wang Fang');
  await expect(lead.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
});
