// The mail a reply sends, followed with JavaScript off: the desk replies, the customer's mail
// arrives with an unsubscribe link; opening the link changes nothing until the button is
// pressed, and then that kind of mail is off (the notification centre keeps it).
import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callApi, MAIL_DIR, plainSignIn, staffBrowser as staff } from './helpers';

/** The unsubscribe token in the mail about `number` (quoted-printable soft breaks undone). */
async function unsubscribeToken(number: string): Promise<string> {
  let token = '';
  await expect
    .poll(
      () => {
        if (!fs.existsSync(MAIL_DIR)) return '';
        for (const f of fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml'))) {
          const raw = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8').replace(/=\r?\n/g, '');
          if (!raw.includes(number) || !raw.includes('List-Unsubscribe-Post') || !raw.includes('replied')) continue;
          token = raw.match(/\/mail\/unsubscribe\/([A-Za-z0-9_-]{43})/)?.[1] ?? '';
          if (token) return token;
        }
        return '';
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  return token;
}

test('a mailed reply carries a link that turns that mail off, and only its button does', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await plainSignIn(page, 'user@acme.example');
  await page.goto('/requests/new');
  const title = `Mail me ${Date.now()}`;
  await page.getByLabel('Short summary').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('Which toner fits the printer in room 12?');
  await page.getByLabel('Question / consultation').check();
  await page.getByLabel('Fault type').selectOption('');
  await page.getByLabel('Contact phone').fill('+86 21 5555 0101');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d{6}$/);
  const number = page.url().split('/').pop()!;

  const desk = await staff(browser, 'dispatcher@provider.example');
  await callApi(desk, 'reply_request', { number, body: 'The TN-2420 fits it.' });
  const token = await unsubscribeToken(number);

  // Opening the link (as a mail scanner would) changes nothing.
  await page.goto(`/mail/unsubscribe/${token}`);
  await expect(page.getByText('Stop mail about “New replies on requests” to u***@acme.example?', { exact: false })).toBeVisible();
  await page.goto('/account/notifications');
  const replies = page.getByRole('group', { name: 'New replies on requests' });
  await expect(replies.getByLabel('Mail at once')).toBeChecked();

  // The button does.
  await page.goto(`/mail/unsubscribe/${token}`);
  await page.getByRole('button', { name: 'Stop these mails' }).click();
  await expect(page.getByText('Done: you will not get these mails any more.', { exact: false })).toBeVisible();
  await page.goto('/account/notifications');
  await expect(replies.getByLabel('Portal only')).toBeChecked();

  // On again, with the settings' own plain form.
  await replies.getByLabel('Mail at once').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Mail settings saved.')).toBeVisible();
  await expect(replies.getByLabel('Mail at once')).toBeChecked();
});
