// Issue 18 with JavaScript off: every role's home page is complete as the server sends it
// (cards, links to the lists behind them, the countdown's first value), and on a phone-sized
// window the bottom bar's "More" reaches the full menu and sign-out.
import { test, expect } from '@playwright/test';
import { plainSignIn } from './helpers';

const CARDS: [string, string[]][] = [
  ['user@globex.example', ['home-open']],
  ['lead@acme.example', ['home-open', 'home-month']],
  ['engineer@provider.example', ['home-work']],
  ['dispatcher@provider.example', ['home-unassigned', 'home-due-soon', 'home-loads']],
  ['manager@provider.example', ['home-missed-week', 'home-plans', 'home-escalated', 'home-complaints', 'home-satisfaction', 'home-reports-due']],
];

for (const [email, cards] of CARDS) {
  test(`${email}: the home page without JavaScript`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await plainSignIn(page, email);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    for (const id of cards) await expect(page.getByTestId(id)).toBeVisible();
    await page.getByRole('navigation', { name: 'Shortcuts' }).getByRole('link', { name: 'More' }).click();
    await expect(page.locator('#menu').getByRole('button', { name: 'Sign out' })).toBeInViewport();
  });
}
