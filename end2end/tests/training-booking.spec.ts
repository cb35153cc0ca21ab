// Issue "Training sessions customers can book", on a phone: a dispatcher schedules a session
// for Acme only with one seat; an Acme user books it and downloads the calendar file; the
// site manager finds it full and joins the waiting list; a Globex user cannot see it; the
// user cancels and the seat goes to the site manager, live; staff see the attendee list and
// cancel the session, which the attendee is told.
import { test, expect, devices, Browser, Page } from '@playwright/test';
import { expectNoHorizontalScroll, hydrated, signIn } from './helpers';

async function phoneFor(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

test('book the last seat, wait, get the freed seat, see the cancellation', async ({ browser }) => {
  test.skip(test.info().project.name !== 'mobile', 'a phone journey');
  test.setTimeout(180_000);
  const title = `Backup appliance basics ${Date.now()}`;

  // The dispatcher schedules it (on a phone too).
  const desk = await phoneFor(browser, 'dispatcher@provider.example');
  await desk.goto('/training/new');
  await hydrated(desk);
  await desk.getByLabel('Title').fill(title);
  await desk.getByLabel('Kind of training').selectOption('after_sales');
  await desk.getByLabel('Description').fill('Daily checks, restoring a file, what the alarms mean.');
  await desk.getByLabel('Trainer').fill('Chen Jie');
  await desk.getByLabel('Time zone').selectOption('Asia/Shanghai');
  await desk.getByLabel('Starts').fill('2027-01-15T09:00');
  await desk.getByLabel('Ends').fill('2027-01-15T12:00');
  await desk.getByLabel('On site', { exact: true }).check();
  await desk.getByLabel('Place (on site)').fill('Acme plant, meeting room 2');
  await desk.locator('#tr-capacity').fill('1');
  await desk.getByLabel('Booking deadline').fill('2027-01-14T18:00');
  await desk.getByLabel('Only these organizations:').check();
  await desk.getByLabel('Acme Manufacturing').check();
  await expectNoHorizontalScroll(desk);
  await desk.getByRole('button', { name: 'Save' }).click();
  await expect(desk).toHaveURL(/\/training\/\d+$/);
  const url = new URL(desk.url()).pathname;
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText(title);

  // An Acme user finds it in the list and books the only seat.
  const user = await phoneFor(browser, 'user@acme.example');
  await user.goto('/training');
  await hydrated(user);
  const card = user.locator('.session-card', { hasText: title });
  await expect(card.locator('[data-seats-left]')).toHaveText('1 of 1 seats left');
  await card.getByRole('link', { name: title }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText(title);
  await hydrated(user);
  await expectNoHorizontalScroll(user);
  await expect(user.getByText('2027-01-15 09:00–12:00 (Asia/Shanghai)')).toBeVisible();
  await user.getByRole('button', { name: 'Book a seat' }).click();
  await expect(user.locator('#booking [data-my-booking="confirmed"]')).toHaveText('You have a seat');
  const ics = await user.request.get(`${url}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const text = await ics.text();
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain('DTSTART:20270115T010000Z');

  // The site manager sees it full, live, and joins the waiting list.
  const lead = await phoneFor(browser, 'lead@acme.example');
  await lead.goto(url);
  await hydrated(lead);
  await expect(lead.locator('[data-seats-left]')).toHaveText('Full · 0 waiting');
  await lead.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(lead.locator('#booking [data-my-booking="waitlisted"]')).toHaveText('On the waiting list');

  // Globex was not invited: not in its list, and the page is "not found".
  const other = await phoneFor(browser, 'user@globex.example');
  await other.goto('/training');
  await hydrated(other);
  await expect(other.locator('.session-card', { hasText: title })).toHaveCount(0);
  await other.goto(url);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(/not found/i);

  // The user cancels: the seat goes to the site manager, who sees it without reloading.
  await user.getByRole('button', { name: 'Cancel my booking' }).click();
  await expect(user.locator('#booking')).toContainText('You have no seat in this session.');
  await expect(lead.locator('#booking [data-my-booking="confirmed"]')).toHaveText('You have a seat', { timeout: 5000 });
  await lead.goto('/training/mine');
  await hydrated(lead);
  await expect(lead.locator('.session-list')).toContainText(title);

  // Staff: the attendee list, then cancelling the session tells the attendee.
  await desk.reload();
  await hydrated(desk);
  await expect(desk.locator('tr[data-attendee="lead@acme.example"]')).toContainText('Confirmed');
  await desk.getByText('Cancel this session…').click();
  await desk.getByLabel('Reason (told to every attendee)').fill('The trainer is ill; a new date follows.');
  await desk.getByRole('button', { name: 'Cancel the session and tell the attendees' }).click();
  await expect(desk.locator('[data-session-status="cancelled"]')).toBeVisible();
  await lead.goto('/notifications');
  await hydrated(lead);
  await expect(lead.locator('.notification-list')).toContainText(title);

  // The month calendar shows it on its day.
  await user.goto('/training?view=calendar&month=2027-01');
  await hydrated(user);
  await expect(user.locator('td[data-date="2027-01-15"]')).toBeVisible();
});
