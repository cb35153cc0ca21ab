// The same pages with JavaScript off: everything is rendered on the server, and the forms
// post as plain HTML forms.
import { test, expect } from '@playwright/test';

test('pages render and sign-in works without JavaScript', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the service portal');
  await page.getByLabel('E-mail').fill('user@acme.example');
  await page.getByLabel('Password', { exact: true }).fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The e-mail or password is not right.')).toBeVisible();

  await page.getByLabel('E-mail').fill('user@acme.example');
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome, Alice Zhang');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the language switch works as a plain link', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录服务门户');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the service portal');
});

test('admin pages render their data on the server', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill('admin@provider.example');
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/admin/organizations');
  await expect(page.getByRole('link', { name: 'Acme Manufacturing' })).toBeVisible();
  await page.getByRole('link', { name: 'Acme Manufacturing' }).click();
  await expect(page.getByText('user@acme.example')).toBeVisible();
});
