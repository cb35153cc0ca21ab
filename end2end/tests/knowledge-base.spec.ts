// Issue "A knowledge base that answers customers while they type": on a phone, a customer
// starts a request with a Chinese title; an article is suggested while they type (one line
// under the title, opened with a tap); they open it, and it solved the problem: recorded, and
// home. Their draft is still there if they come back. A manager sees it counted. Also the
// knowledge base itself: a two-character search marks its matches, axe-clean, no sideways
// scroll on a phone. The desk links an article in a reply with one tap. Runnable on its own:
// npx playwright test knowledge-base --project=mobile
import { test, expect } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signedIn } from './helpers';

const ARTICLE = '打印机卡纸怎么处理';

test('a suggestion while typing a request solves the problem, and staff see it counted', async ({ browser }) => {
  test.skip(test.info().project.name !== 'mobile', 'one journey: the customer on a phone, the manager on a desktop');
  test.setTimeout(90_000);

  const manager = await signedIn(browser, 'manager@provider.example', 'Desktop Chrome');
  const solvedCell = manager.locator('[data-testid="kb-usage-table"] tr', { hasText: ARTICLE }).getByTestId('kb-solved-count');
  await manager.goto('/kb/stats');
  const before = (await solvedCell.count()) > 0 ? Number(await solvedCell.textContent()) : 0;

  const customer = await signedIn(browser, 'user@acme.example', 'Pixel 7');
  await customer.goto('/requests/new');
  await hydrated(customer);
  const suggest = customer.getByTestId('kb-suggest');
  await expect(suggest).toBeHidden();
  // Typed key by key, as on a phone keyboard (the suggestions wait for a pause).
  await customer.locator('#nr-title').pressSequentially('打印机卡纸', { delay: 60 });
  await expect(suggest).toBeVisible({ timeout: 10_000 });
  const toggle = suggest.getByRole('button');
  await expect(toggle).toContainText('may help');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // One line: the description field is still right there under it.
  const [bar, description] = await Promise.all([suggest.boundingBox(), customer.locator('#nr-description').boundingBox()]);
  expect(bar!.height).toBeLessThan(80);
  expect(description!.y).toBeLessThan(customer.viewportSize()!.height);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const first = suggest.getByRole('link').first();
  await expect(first).toHaveText(ARTICLE);
  await expect(first.locator('mark').first()).toHaveText('打印机卡纸');
  await expectNoHorizontalScroll(customer);
  await first.click();

  // The article, read on the phone, offers "this solved it".
  await expect(customer).toHaveURL(/\/kb\/\d+\?from=/);
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText(ARTICLE);
  await hydrated(customer);
  await expectNoHorizontalScroll(customer);
  await expectAccessible(customer);
  await customer.getByRole('button', { name: /this solved it/ }).click();
  await expect(customer).toHaveURL(/\/\?solved=1$/);
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Welcome');

  // Coming back: the draft is still there.
  await customer.goto('/requests/new');
  await hydrated(customer);
  await expect(customer.locator('#nr-title')).toHaveValue('打印机卡纸');

  // The manager sees it counted (at least once more: another run may solve at the same time).
  await manager.goto('/kb/stats');
  await expect(solvedCell).toBeVisible();
  expect(Number(await solvedCell.textContent())).toBeGreaterThanOrEqual(before + 1);
  await expectAccessible(manager);
});

test('searching the knowledge base for two Chinese characters marks them, on a phone', async ({ page }) => {
  test.skip(test.info().project.name !== 'mobile', 'the phone layout');
  // Public articles need no sign-in.
  await page.goto('/kb');
  await hydrated(page);
  await page.getByRole('searchbox').fill('卡纸');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/kb\?q=/);
  const results = page.getByTestId('kb-results');
  await expect(results.locator('li').first().locator('mark').first()).toHaveText('卡纸');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await results.getByRole('link', { name: ARTICLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ARTICLE);
  await expect(page.getByRole('link', { name: /English: Clearing a paper jam/ })).toBeVisible();
});

test('staff link an article in a reply with one tap, and the customer follows it', async ({ browser }) => {
  test.skip(test.info().project.name !== 'mobile', 'the customer on a phone, the desk on a desktop');
  test.setTimeout(90_000);
  const customer = await signedIn(browser, 'user@acme.example', 'Pixel 7');
  await customer.goto('/requests/new');
  await hydrated(customer);
  await customer.locator('#nr-title').fill('打印机卡纸，清理后还是卡');
  await customer.locator('#nr-description').fill('每打印几张就卡纸，面板显示 13.B2.D2。');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer).toHaveURL(/\/requests\/SR-/);
  const url = new URL(customer.url()).pathname;

  const desk = await signedIn(browser, 'dispatcher@provider.example', 'Desktop Chrome');
  await desk.goto(url);
  await hydrated(desk);
  const insert = desk.getByTestId('kb-insert').getByRole('button').first();
  await expect(insert).toContainText(ARTICLE);
  const reference = (await insert.getAttribute('data-kb-insert'))!;
  await desk.locator('#reply-body').fill('请先按这篇文章处理：');
  await insert.click();
  await expect(desk.locator('#reply-body')).toHaveValue(`请先按这篇文章处理： ${reference} `);
  await desk.getByRole('button', { name: 'Send reply' }).click();
  await expect(desk.locator('.timeline').getByRole('link', { name: reference })).toBeVisible();

  // The customer's page follows live; the reference is a link to the article.
  const link = customer.locator('.timeline').getByRole('link', { name: reference });
  await expect(link).toBeVisible({ timeout: 15_000 });
  await link.click();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText(ARTICLE);
});
