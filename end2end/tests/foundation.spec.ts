// The foundation's journeys, hydrated, on the desktop and phone projects.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signIn } from './helpers';

test('a customer signs in, sees their menu, and signs out', async ({ page }) => {
  await signIn(page, 'user@acme.example');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome, Alice Zhang');
  await hydrated(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Organizations' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=\/account$/);
});

test('a wrong password gets one generic message and keeps the e-mail', async ({ page }) => {
  await signIn(page, 'user@acme.example', 'not the password');
  await expect(page.getByRole('status')).toContainText('The e-mail or password is not right.');
  await expect(page.getByLabel('E-mail')).toHaveValue('user@acme.example');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('after signing in the user lands on the page they asked for', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/next=\/account/);
  await hydrated(page);
  await page.getByLabel('E-mail').fill('lead@acme.example');
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
});

test('the language switch is instant and remembered', async ({ page }) => {
  await page.goto('/sign-in');
  await hydrated(page);
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录服务门户');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveURL(/\/sign-in$/); // no navigation: switched in place
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录服务门户');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill('user@acme.example');
  await page.getByLabel('密码', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('欢迎');
  await hydrated(page);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
});

test('an admin creates an organization, with a clear message for bad input', async ({ page }) => {
  await signIn(page, 'admin@provider.example');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organizations' }).click();
  await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  await hydrated(page);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create' }) });
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByText('Please fill this in.')).toBeVisible();
  const name = `Initech ${test.info().project.name} ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  // A form that worked starts empty again; the same name a second time is refused.
  await expect(form.getByLabel('Name')).toHaveValue('');
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByText('This name is already in use.')).toBeVisible();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
});

test('a site manager adds a user to their organization', async ({ page }) => {
  await signIn(page, 'lead@acme.example');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Our users' }).click();
  await expect(page.getByRole('heading', { name: 'Users of my organization' })).toBeVisible();
  await hydrated(page);
  const email = `new.${test.info().project.name}.${Date.now()}@acme.example`;
  await page.getByLabel('Full name').fill('New Colleague');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('The password needs at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveValue('New Colleague'); // nothing typed is lost
  await page.getByLabel('Initial password').fill('a long first password');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator(`li[data-email="${email}"]`)).toBeVisible();
});

test('a customer cannot open admin pages', async ({ page }) => {
  await signIn(page, 'user@acme.example');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  const res = await page.goto('/admin/organizations');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test.describe('accessibility and layout of every main page', () => {
  test('signed out: sign-in page', async ({ page }) => {
    await page.goto('/sign-in');
    await hydrated(page);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });

  for (const [who, pages] of [
    ['user@acme.example', ['/', '/account', '/requests', '/requests/new', '/notifications']],
    ['dispatcher@provider.example', ['/requests', '/staff/triage', '/staff/triage?show=all', '/requests/new']],
    ['engineer@provider.example', ['/staff/my-work']],
    ['manager@provider.example', ['/admin/audit', '/admin/contracts']],
    ['lead@acme.example', ['/organization/users']],
    ['admin@provider.example', ['/admin/organizations', '/admin/organizations/2', '/admin/contracts']],
  ] as const) {
    test(`${who}: ${pages.join(' ')}`, async ({ page }) => {
      await signIn(page, who);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
      for (const path of pages) {
        await page.goto(path);
        await hydrated(page);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      }
    });
  }

  test('a 360 px phone in Chinese', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, 'lead@acme.example');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    await context.addCookies([{ name: 'lang', value: 'zh', url: baseURL! }]);
    await page.goto('/organization/users');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('本单位用户');
    await hydrated(page);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });
});
