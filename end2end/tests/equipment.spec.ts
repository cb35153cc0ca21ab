// Issue "Equipment archive per site": a site manager imports a device list on a desktop,
// sees what it will add and which rows are wrong before anything is saved, saves it, finds a
// device by its serial number and opens its page; on a phone, a customer of the organization
// reads the archive (and may not edit it) without any sideways scrolling, then reports a fault
// on one of its devices, whose page then shows the device with its warranty state.
import { test, expect, Browser, devices, Page } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signIn } from './helpers';

async function signedIn(browser: Browser, email: string, device: 'Desktop Chrome' | 'Pixel 7'): Promise<Page> {
  const ctx = await browser.newContext({ ...devices[device], locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

test('a site manager imports a device list after seeing what it will do', async ({ browser }) => {
  test.skip(test.info().project.name !== 'desktop', 'a desktop journey');
  const tag = Date.now().toString(36).toUpperCase();
  const lead = await signedIn(browser, 'lead@acme.example', 'Desktop Chrome');
  await lead.goto('/equipment');
  await hydrated(lead);
  await lead.getByRole('link', { name: 'Import a list (CSV)' }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Import a list (CSV)');
  const csv = [
    '站点,类别,名称,序列号,型号,IP地址,保修截止',
    `Shanghai plant,server,Mail server ${tag},SN-${tag}-1,RH2288 V3,10.20.0.5,2099-12-31`,
    `Shanghai plant,network,Core switch ${tag},SN-${tag}-2,S5735,10.20.0.1,`,
    `Shanghai plant,printer,Label printer ${tag},SN-${tag}-3,,,`,
  ].join('\r\n');
  await lead.getByLabel('CSV file').setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await lead.getByRole('button', { name: 'Check the file' }).click();
  await expect(lead).toHaveURL(/\/equipment\/import\/\d+$/);
  await expect(lead.getByText('2 to add, 0 to change, 1 rows with problems')).toBeVisible();
  await expect(lead.locator('.import-bad')).toContainText('Line 4');
  await expectAccessible(lead);
  // Nothing is saved before the button.
  await lead.goto(`/equipment?q=${tag}`);
  await expect(lead.getByText('No devices match.')).toBeVisible();
  await lead.goBack();
  await hydrated(lead);
  await lead.getByRole('button', { name: 'Save the good rows' }).click();
  await expect(lead).toHaveURL(/\/equipment$/);

  // Found by its serial number, opened, with its warranty state.
  await lead.getByLabel('Search').fill(`sn-${tag.toLowerCase()}-1`);
  await lead.getByRole('button', { name: 'Show' }).click();
  await expect(lead.locator('.device-card')).toHaveCount(1);
  await lead.getByRole('link', { name: `Mail server ${tag}` }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toHaveText(`Mail server ${tag}`);
  await expect(lead.locator('.badge.ok')).toContainText('Covered');
  await expect(lead.getByText('10.20.0.5')).toBeVisible();
  await expectAccessible(lead);
});

test('a customer reads the archive on a phone and may not change it', async ({ browser }) => {
  test.skip(test.info().project.name !== 'mobile', 'a phone journey');
  const tag = Date.now().toString(36).toUpperCase();
  const lead = await signedIn(browser, 'lead@acme.example', 'Pixel 7');
  const origin = new URL(lead.url()).origin;
  const form = await lead.request.post('/api/get_device_form', { form: { id: '0' }, headers: { origin } });
  expect(form.status()).toBe(200);
  const site = String((await form.json()).site_id);
  const saved = await lead.request.post('/api/save_device', {
    headers: { origin },
    form: {
      id: '0', version: '0', site_id: site, category: 'power', vendor: 'APC', model: 'Smart-UPS 3000', serial: `UPS-${tag}`,
      asset_number: '', name: `Room UPS ${tag}`, location: 'Machine room', ips: '', purchase_date: '2020-01-01',
      warranty_end: '2021-01-01', service_level: '', firmware: '', status: '', config_notes: '',
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const deviceId = String(await saved.json());

  const user = await signedIn(browser, 'user@acme.example', 'Pixel 7');
  await user.goto(`/equipment?warranty=expired&q=${tag}`);
  await hydrated(user);
  await expectNoHorizontalScroll(user);
  await expect(user.getByRole('link', { name: 'Add a device' })).toHaveCount(0);
  const card = user.locator('.device-card', { hasText: `Room UPS ${tag}` });
  await expect(card.locator('.badge.warn')).toContainText('Expired');
  await card.getByRole('link', { name: `Room UPS ${tag}` }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText(`Room UPS ${tag}`);
  await expect(user.getByRole('link', { name: 'Edit device' })).toHaveCount(0);
  await expectNoHorizontalScroll(user);
  await expectAccessible(user);

  // A fault on that device, reported from the phone: the device field suggests it.
  await user.goto('/requests/new');
  await hydrated(user);
  await user.getByLabel('Short summary').fill(`UPS beeping ${tag}`);
  await user.getByLabel('What happened? What did you try?').fill('The UPS beeps every minute and shows a battery alarm.');
  await user.getByLabel('Site', { exact: true }).selectOption({ label: 'Shanghai plant' });
  const choice = await user.locator(`#nr-devices option[value^="#${deviceId} "]`).getAttribute('value');
  expect(choice).toContain(`Room UPS ${tag}`);
  await user.getByLabel('Device (optional)').fill(choice!);
  await expectNoHorizontalScroll(user);
  await user.getByRole('button', { name: 'Submit request' }).click();
  await expect(user).toHaveURL(/\/requests\/SR-\d{4}-\d{6}/);
  const device = user.locator('.request-device');
  await expect(device.getByRole('link', { name: `Room UPS ${tag}` })).toHaveAttribute('href', `/equipment/${deviceId}`);
  await expect(device.locator('.badge.warn')).toContainText('Expired');
});
