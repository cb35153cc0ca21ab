// Issue 18: home and the header made for a phone.
import { test, expect, devices, Browser, Page } from '@playwright/test';
import { assignFromTriage, callApi, expectAccessible, expectNoHorizontalScroll, hydrated, signIn, staffBrowser } from './helpers';

// On a 360 × 740 phone: one compact top bar (brand, EN / 中, bell, account), a bottom bar of
// at most five shortcuts for the role, "More" jumping to the full menu at the page's end.
test.describe('phone header', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'mobile', 'the phone layout: the mobile project, at 360 px');
  });
  test.use({ viewport: { width: 360, height: 740 } });

  /** Each demo role's bottom bar, in order (components/layout.rs, `tabs`). */
  const BARS: [string, string[]][] = [
    ['user@acme.example', ['Home', 'Requests', 'New request', 'Knowledge', 'More']],
    ['lead@acme.example', ['Home', 'Requests', 'New request', 'Equipment', 'More']],
    ['engineer@provider.example', ['Home', 'My work', 'Requests', 'Inspections', 'More']],
    ['dispatcher@provider.example', ['Home', 'Triage', 'Requests', 'Inspections', 'More']],
    ['manager@provider.example', ['Home', 'Requests', 'Reports', 'Complaints', 'More']],
    ['admin@provider.example', ['Home', 'Orgs', 'Contracts', 'Requests', 'More']],
  ];

  const bottomBar = (page: Page) => page.getByRole('navigation', { name: 'Shortcuts' });
  const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifications/ });

  /** The top bar is one row, nothing scrolls sideways, the wide layout's rows are not shown. */
  async function compactHeader(page: Page) {
    const header = page.getByRole('banner');
    const top = (await header.boundingBox())!;
    expect(top.height).toBeLessThan(64);
    const parts = [
      header.getByRole('link', { name: 'Service Portal' }),
      header.getByRole('link', { name: 'English' }),
      header.getByRole('link', { name: '中文' }),
      bell(page),
      header.getByRole('link', { name: 'My account' }),
    ];
    for (const part of parts) {
      await expect(part).toBeVisible();
      const box = (await part.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(top.y);
      expect(box.y + box.height).toBeLessThanOrEqual(top.y + top.height);
    }
    await expect(page.locator('.mainnav')).toBeHidden();
    await expect(page.locator('.whoami')).toBeHidden();
    await expectNoHorizontalScroll(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  /** Every label of the bottom bar fits whole (none cut short with an ellipsis). */
  async function labelsFit(page: Page) {
    const cut = await bottomBar(page)
      .locator('a span')
      .evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent));
    expect(cut).toEqual([]);
  }

  for (const [email, names] of BARS) {
    test(`${email}: one top bar, the role's bottom bar, the full menu under "More"`, async ({ page }) => {
      await signIn(page, email);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
      await hydrated(page);
      await compactHeader(page);

      // The bottom bar: at most five links, each an icon (an svg hidden from assistive
      // technology) and a label that names it; fixed to the bottom of the screen.
      const bar = bottomBar(page);
      const links = bar.getByRole('link');
      expect(names.length).toBeLessThanOrEqual(5);
      await expect(links).toHaveCount(names.length);
      for (const [i, name] of names.entries()) {
        await expect(links.nth(i)).toHaveAccessibleName(name);
        await expect(links.nth(i).locator('svg[aria-hidden="true"][focusable="false"]')).toHaveCount(1);
      }
      const box = (await bar.boundingBox())!;
      expect(Math.round(box.y + box.height)).toBe(740);
      await expect(bar.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
      await expect(bar.locator('[aria-current]')).toHaveCount(1);
      await labelsFit(page);
      await expectAccessible(page);

      // Each shortcut opens its page and is then the current one; the header stays one row.
      for (const [i, name] of names.slice(1, -1).entries()) {
        const link = links.nth(i + 1);
        const href = (await link.getAttribute('href'))!;
        await link.click();
        await expect(page).toHaveURL(new RegExp(`${href.replace(/[/]/g, '\\/')}$`));
        await expect(link, name).toHaveAttribute('aria-current', 'page');
        await expect(bar.locator('[aria-current]')).toHaveCount(1);
        await labelsFit(page);
        await compactHeader(page);
      }

      // "More" (a link: from the keyboard too) brings the full menu into view: every page of
      // the role, the same as the wide screen's menu, then who is signed in and "Sign out".
      const menu = page.getByRole('navigation', { name: 'Main navigation' });
      const more = bar.getByRole('link', { name: 'More' });
      await more.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#menu$/);
      await expect(menu).toBeInViewport();
      const wide = await page.locator('.mainnav ul a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const full = await menu.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(full).toEqual(wide);
      expect(full.length).toBeGreaterThan(names.length - 1);
      await expect(menu.getByRole('link', { name: 'My account' })).toBeInViewport();
      await expect(menu.getByRole('button', { name: 'Sign out' })).toBeInViewport();
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(1);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
    });
  }

  test('the bell is an icon with a name, and shows the unread count', async ({ page, browser }) => {
    await signIn(page, 'user@acme.example');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    await page.goto('/requests/new');
    await hydrated(page);
    await page.getByLabel('Short summary').fill(`Bell on a phone ${Date.now()}`);
    await page.getByLabel('What happened? What did you try?').fill('Which toner fits the printer in room 12?');
    await page.getByLabel('Question / consultation').check();
    await page.getByLabel('Fault type').selectOption('');
    await page.getByLabel('Contact phone').fill('+86 21 5555 0101');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d{6}(\?|$)/);
    const number = new URL(page.url()).pathname.split('/').pop()!;
    const desk = await staffBrowser(browser, 'dispatcher@provider.example');
    await callApi(desk, 'reply_request', { number, body: 'The TN-2420 fits it.' });
    await desk.context().close();

    await page.goto('/');
    await hydrated(page);
    const b = bell(page);
    await expect(b).toBeVisible();
    await expect(b).toHaveAccessibleName(/^Notifications \d+ unread$/);
    await expect(b.locator('svg[aria-hidden="true"]')).toHaveCount(1);
    await expect(b).not.toContainText('🔔');
    const count = page.getByTestId('unread-count');
    await expect(count).toBeVisible();
    await expect(count).toHaveText(/^[1-9]\d*$/);
    await compactHeader(page);
    await expectAccessible(page);
    await b.click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(b).toHaveAttribute('aria-current', 'page');
  });

  test('signed out: the top bar offers the sign-in link, there is no bottom bar', async ({ page }) => {
    await page.goto('/kb');
    await hydrated(page);
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(bottomBar(page)).toHaveCount(0);
    expect((await header.boundingBox())!.height).toBeLessThan(64);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });
});

// Issue 18: a home page per role that answers "what needs me now?", live. On a 360 px phone:
// each role sees its own cards, the countdowns tick, another person's step arrives without a
// reload, nothing scrolls sideways and axe finds nothing.
test.describe('home pages per role', () => {
  test.describe.configure({ mode: 'serial' });
  const PHONE = { ...devices['Pixel 7'], viewport: { width: 360, height: 740 }, locale: 'en-US' };

  async function onPhone(browser: Browser, email: string): Promise<Page> {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, email);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    await hydrated(page);
    return page;
  }

  test('customer, dispatcher and engineer: a new request, its clock and the question, live', async ({ browser }) => {
    test.skip(test.info().project.name !== 'mobile', 'phone journeys');
    test.setTimeout(90_000);
    const customer = await onPhone(browser, 'user@acme.example');
    const desk = await onPhone(browser, 'dispatcher@provider.example');
    await expect(desk.getByTestId('home-unassigned')).toBeVisible();
    await desk.evaluate(() => ((window as any).__samePage = true));

    // "Report a problem" is the first thing a customer can tap.
    await customer.getByTestId('report-problem').click();
    await expect(customer).toHaveURL(/\/requests\/new$/);
    await hydrated(customer);
    const title = `Label printer offline ${Date.now()}`;
    await customer.getByLabel('Short summary').fill(title);
    await customer.getByLabel('What happened? What did you try?').fill('The label printer at the dock shows offline since this morning.');
    await customer.getByLabel('2 · Major').check();
    await customer.getByRole('button', { name: 'Submit request' }).click();
    await expect(customer).toHaveURL(/\/requests\/SR-\d{4}-\d{6}$/);
    const number = customer.url().split('/').pop()!;

    // The dispatcher's home shows it among the unassigned, without a reload.
    await expect(desk.getByTestId('home-unassigned').locator(`li[data-number="${number}"]`)).toBeVisible({ timeout: 10_000 });
    expect(await desk.evaluate(() => (window as any).__samePage)).toBe(true);
    await expectNoHorizontalScroll(desk);
    await expectAccessible(desk);

    // The customer's home: the request with its clock ticking.
    await customer.goto('/');
    await hydrated(customer);
    const row = customer.getByTestId('home-open').locator(`li[data-number="${number}"]`);
    await expect(row).toBeVisible();
    const due = row.getByTestId('due');
    await expect(due).toContainText('due in');
    const before = await due.textContent();
    await expect(due).not.toHaveText(before!, { timeout: 3_000 });
    await expectNoHorizontalScroll(customer);
    await expectAccessible(customer);
    await customer.evaluate(() => ((window as any).__samePage = true));

    // Assigned from the queue; the engineer's home lists it, one tap from its stage buttons.
    await desk.goto('/staff/triage');
    await hydrated(desk);
    await assignFromTriage(desk, number);
    const eng = await onPhone(browser, 'engineer@provider.example');
    const work = eng.getByTestId('home-work').locator(`li[data-number="${number}"]`);
    await expect(work).toBeVisible();
    await expectNoHorizontalScroll(eng);
    await expectAccessible(eng);
    await work.locator('a').first().click();
    await expect(eng.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(eng.locator('.stage-buttons')).toBeVisible();

    // The engineer asks a question: the customer's home puts it first, live.
    await callApi(eng, 'act_on_request', { number, action: 'start_work' });
    await callApi(eng, 'act_on_request', { number, action: 'ask_customer', note: 'Which dock, A or B?' });
    const waiting = customer.getByTestId('home-waiting');
    await expect(waiting).toContainText("Answer the engineer's question", { timeout: 10_000 });
    await expect(waiting).toContainText(number);
    expect(await customer.evaluate(() => (window as any).__samePage)).toBe(true);
  });

  test('site manager and manager: the month and the week at a glance', async ({ browser }) => {
    test.skip(test.info().project.name !== 'mobile', 'phone journeys');
    const lead = await onPhone(browser, 'lead@acme.example');
    await expect(lead.getByTestId('home-open')).toContainText('Our open requests');
    const month = lead.getByTestId('home-month');
    await expect(month).toContainText('Open by severity');
    await expect(month).toContainText('SLA clocks missed');
    await expect(month.getByRole('link', { name: 'See all' })).toHaveAttribute('href', /\/reports\?org=\d+&period=month/);
    await expectNoHorizontalScroll(lead);
    await expectAccessible(lead);

    const manager = await onPhone(browser, 'manager@provider.example');
    for (const id of ['home-missed-week', 'home-plans', 'home-escalated', 'home-complaints', 'home-satisfaction', 'home-reports-due']) {
      await expect(manager.getByTestId(id)).toBeVisible();
    }
    await expect(manager.getByTestId('home-complaints').getByRole('link', { name: 'See all' })).toHaveAttribute('href', '/complaints');
    await expectNoHorizontalScroll(manager);
    await expectAccessible(manager);
  });
});
