// Issue "Equipment archive per site": a site manager imports a device list on a desktop,
// sees what it will add and which rows are wrong before anything is saved, saves it, finds a
// device by its serial number and opens its page; on a phone, a customer of the organization
// reads the archive (and may not edit it) without any sideways scrolling, then reports a fault
// on one of its devices, whose page then shows the device with its warranty state.
import { test, expect, devices, Page } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signedIn } from './helpers';

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

  // The device's site: its profile, the machine room's values each saying who checked them.
  await lead.getByRole('link', { name: 'Shanghai plant' }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Shanghai plant');
  await hydrated(lead);
  await lead.getByLabel('How to get in').fill(`Badge at the north gate ${tag}`);
  await lead.locator('#site-contacts').fill('Wang Wei; IT lead; +86 21 5555 0101; wang@acme.example');
  await lead.locator('#env-temp_max_c').fill('27');
  await lead.locator('#env-dust').selectOption('low');
  await lead.locator('.site-form').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(lead.locator('dd[data-env="temp_max_c"]')).toContainText('27');
  await expect(lead.locator('dd[data-env="temp_max_c"]')).toContainText('verified by Chen Jing');
  await expect(lead.locator('.site-contacts')).toContainText('Wang Wei');
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
  // Its site's profile reads on the phone too, without the editor.
  await user.getByRole('link', { name: 'Shanghai plant' }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText('Shanghai plant');
  await expect(user.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expectNoHorizontalScroll(user);
  await expectAccessible(user);
  await user.goBack();

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

async function post(page: Page, name: string, form: Record<string, string>): Promise<any> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/${name}`, { form, headers: { origin } });
  expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
  return res.json();
}

test('an engineer fits a part from stock, and an upgrade plan is approved and carried out', async ({ browser }) => {
  test.skip(test.info().project.name !== 'desktop', 'a desktop journey (the customer side on a phone is above)');
  const tag = Date.now().toString(36).toUpperCase();
  const code = `PSU-${tag}`;

  // The manager stocks a part model in a warehouse, on the spare-parts page.
  const manager = await signedIn(browser, 'manager@provider.example', 'Desktop Chrome');
  await manager.goto('/parts');
  await hydrated(manager);
  await manager.locator('#part-code').fill(code);
  await manager.locator('#part-name').fill('Power supply 550 W');
  await manager.locator('#part-minimum').fill('1');
  await manager.getByRole('button', { name: 'Add a part model' }).click();
  await expect(manager.locator(`tr[data-part="${code}"]`)).toBeVisible();
  await manager.locator('#loc-name').fill(`Warehouse ${tag}`);
  await manager.getByRole('button', { name: 'Add a location' }).click();
  await expect(manager.locator('#rcv-location option', { hasText: `Warehouse ${tag}` })).toHaveCount(1);
  await manager.locator('#rcv-part').selectOption({ label: `${code} Power supply 550 W` });
  await manager.locator('#rcv-location').selectOption({ label: `Warehouse ${tag}` });
  await manager.locator('#rcv-quantity').fill('2');
  await manager.getByRole('button', { name: 'Receive stock' }).click();
  await expect(manager.locator(`tr[data-part="${code}"] .part-total`)).toHaveText('2');
  await expectAccessible(manager);

  // A device, and a fault on it assigned to the engineer and under way.
  const lead = await signedIn(browser, 'lead@acme.example', 'Desktop Chrome');
  const site = String((await post(lead, 'get_device_form', { id: '0' })).site_id);
  const deviceId = String(
    await post(lead, 'save_device', {
      id: '0', version: '0', site_id: site, category: 'server', vendor: 'Huawei', model: 'RH2288 V3', serial: `SRV-${tag}`,
      asset_number: '', name: `App server ${tag}`, location: 'Rack C2', ips: '', purchase_date: '2023-01-01',
      warranty_end: '2099-01-01', service_level: '', firmware: 'BIOS 3.1', status: 'in_service', config_notes: '',
    }),
  );
  const user = await signedIn(browser, 'user@acme.example', 'Desktop Chrome');
  const number: string = await post(user, 'submit_request', {
    title: `PSU alarm ${tag}`, description: 'The server reports a failed power supply.', kind: 'fault', fault_kind: 'hardware',
    severity: '2', system: '', site_id: site, contact_phone: '+86 21 5555 0100', device: `#${deviceId}`,
  });
  const dispatcher = await signedIn(browser, 'dispatcher@provider.example', 'Desktop Chrome');
  const detail = await post(dispatcher, 'get_request', { number });
  const li = (detail.engineers as [number, string][]).find(([, n]) => n.startsWith('Li Qiang'))![0];
  await post(dispatcher, 'dispatch_request', { number, engineer_id: String(li) });
  const eng = await signedIn(browser, 'engineer@provider.example', 'Desktop Chrome');
  await post(eng, 'record_stage', { number, stage: 'dispatched' });

  // The engineer fits one from the warehouse and resolves: the part is in the fault report.
  await eng.goto(`/requests/${number}`);
  await hydrated(eng);
  await eng.locator('#rp-stock').selectOption({ label: `${code} Power supply 550 W — Warehouse ${tag} (2)` });
  await eng.getByLabel('Serial taken out').fill(`PSU-OLD-${tag}`);
  await eng.getByLabel('Serial fitted').fill(`PSU-NEW-${tag}`);
  await eng.getByRole('button', { name: 'Record the replacement' }).click();
  await expect(eng.locator('.timeline')).toContainText(`Part replaced: ${code} Power supply 550 W (out: PSU-OLD-${tag}, in: PSU-NEW-${tag})`);
  await eng.getByLabel('Cause').fill('Failed power supply');
  await eng.getByLabel('What was done').fill('Replaced the power supply');
  await eng.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(eng.locator('#fault-report')).toContainText(`${code} Power supply 550 W (PSU-OLD-${tag} → PSU-NEW-${tag})`);
  await manager.reload();
  await expect(manager.locator(`tr[data-part="${code}"] .part-total`)).toHaveText('1');

  // The customer's device page shows the repair (never where the part came from).
  await user.goto(`/equipment/${deviceId}`);
  await hydrated(user);
  const history = user.locator('.device-history');
  await expect(history).toContainText(`Part replaced: ${code} Power supply 550 W`);
  await expect(history.getByRole('link', { name: number })).toHaveCount(2);
  await expect(user.locator('body')).not.toContainText(`Warehouse ${tag}`);

  // An upgrade plan: proposed by the engineer from the device's page ...
  await eng.goto(`/equipment/${deviceId}`);
  await hydrated(eng);
  await eng.getByRole('link', { name: 'Propose an upgrade' }).click();
  await expect(eng.getByRole('heading', { level: 1 })).toHaveText('Propose an upgrade');
  await expect(eng.getByLabel(new RegExp(`App server ${tag}`))).toBeChecked();
  await eng.getByLabel('What the plan does').fill(`BIOS update ${tag}`);
  await eng.getByLabel('Target version').fill('BIOS 3.5');
  await eng.getByLabel('Steps').fill('1. Save settings\n2. Flash BIOS 3.5\n3. Reboot');
  await eng.getByLabel('Rollback').fill('Flash BIOS 3.1 from the backup chip');
  await eng.getByLabel('Expected impact').fill('The application is down for 15 minutes.');
  await eng.getByLabel('Window starts').fill('2026-12-20T22:00');
  await eng.getByLabel('Window ends').fill('2026-12-20T23:00');
  await eng.getByRole('button', { name: 'Propose the plan' }).click();
  await expect(eng).toHaveURL(/\/upgrades\/\d+$/);
  await hydrated(eng);
  await expect(eng.locator('.plan-status')).toHaveText('Waiting for approval');
  const planUrl = eng.url();

  // ... approved by the site manager, and the engineer's page follows live ...
  await lead.goto(planUrl);
  await hydrated(lead);
  await expect(lead.getByText('20:00', { exact: false })).toHaveCount(0);
  await lead.getByRole('button', { name: 'Approve this plan' }).click();
  await expect(lead.locator('.plan-status')).toHaveText('Approved');
  await expect(eng.locator('.plan-status')).toHaveText('Approved');
  await expectAccessible(lead);

  // ... carried out: the device's version follows, and the site manager sees it live.
  await eng.locator(`li[data-device="${deviceId}"]`).getByLabel('Result').selectOption('succeeded');
  await eng.locator(`li[data-device="${deviceId}"]`).getByRole('button', { name: 'Record' }).click();
  await expect(lead.locator('.plan-status')).toHaveText('Carried out');
  await expect(lead.locator('.plan-history')).toContainText('Carried out on every device');
  await user.goto(`/equipment/${deviceId}`);
  await expect(user.locator('.device-history')).toContainText('Upgraded to BIOS 3.5');
  await expect(user.getByText('BIOS 3.5', { exact: true })).toBeVisible();
});
