import { expect, Browser, devices, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'demo-password';

/** Waits until the WebAssembly app has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** No accessibility violations (WCAG 2 A/AA rules of axe-core). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, summary.join('\n')).toEqual([]);
}

/** Nothing sticks out sideways (a phone must not scroll horizontally). */
export async function expectNoHorizontalScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

export const MAIL_DIR = process.env.PORTAL_E2E_MAIL_DIR ?? '/tmp/portal-e2e-mail';

/** Server functions as the page calls them (form-encoded, same origin). */
export async function callApi(page: Page, name: string, form: Record<string, string>) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/${name}`, { form, headers: { origin } });
  expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
}

/** The text of a mail the server wrote (lettre's file transport: base64 or quoted-printable). */
export function mailText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** Waits for the survey mail about `number` and returns the one-time link in it. */
export async function surveyLink(number: string, after = 0): Promise<string> {
  let link = '';
  await expect
    .poll(
      () => {
        if (!fs.existsSync(MAIL_DIR)) return '';
        const links = fs
          .readdirSync(MAIL_DIR)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => fs.readFileSync(path.join(MAIL_DIR, f), 'utf8'))
          .map(mailText)
          .filter((t) => t.includes(number))
          .map((t) => t.match(/https?:\/\/[^\s]+\/s\/[A-Za-z0-9_-]{43}/)?.[0] ?? '')
          // Other mail about the request (a reply, "resolved") has no survey link.
          .filter((l) => l !== '');
        link = links.length > after ? links[after] : '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return link;
}

/** A new browser context as `device`, signed in as `email`, on the home page. */
export async function signedIn(browser: Browser, email: string, device: 'Desktop Chrome' | 'Pixel 7'): Promise<Page> {
  const ctx = await browser.newContext({ ...devices[device], locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

/** Signs in with the plain form (works with JavaScript off), landing on the home page. */
export async function plainSignIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
}

/** A member of staff in a browser of their own (JavaScript on), calling server functions as the pages do. */
export async function staffBrowser(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'en-US', javaScriptEnabled: true });
  const page = await ctx.newPage();
  await plainSignIn(page, email);
  return page;
}

/** The desk assigns request `number` to `engineer` from the triage queue (the engineer's
 *  option reads "Name (open load)"); the card then leaves the unassigned queue. */
export async function assignFromTriage(desk: Page, number: string, engineer = 'Li Qiang') {
  const card = desk.locator(`li[data-number="${number}"]`);
  const id = await card.locator('option', { hasText: new RegExp(`^${engineer} \\(\\d+\\)$`) }).getAttribute('value');
  await card.locator('select[name="engineer_id"]').selectOption(id!);
  await card.getByRole('button', { name: 'Assign' }).click();
  await expect(card).toHaveCount(0);
}
