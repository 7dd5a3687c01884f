/**
 * The web client in a real browser against the whole backend: a seller and a buyer complete an
 * order from search to review through the UI only. Screenshots go to clients/web/screenshots/
 * (those of a failed step to screenshots/failures/).
 *
 * The client is built fresh into a temporary directory, served by server.mjs (the same server
 * `npm start` uses), which proxies /graphql and the file links (/files/...) to an in-process stack
 * (@gigmart/stack/testing, media included). The media service's links name the web server's
 * address, so uploads and downloads stay on the page's origin.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { signUp, signUpSeller, type Actor } from '../../../e2e/test/actors.js';
import { seedDemo } from '../../../scripts/seed/index.js';
import { startWebServer } from '../server.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The committed screenshots (clients/web/README.md) are refreshed on request (UPDATE_SCREENSHOTS=1);
// otherwise a run writes them, and those of a failed step, to a temporary folder and leaves the tree as it was.
const screenshots = process.env['UPDATE_SCREENSHOTS']
  ? path.join(webDir, 'screenshots')
  : path.join(tmpdir(), 'gigmart-screenshots', 'web');
const failures = path.join(screenshots, 'failures');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Every run has fresh databases, so fixed names are safe (and the screenshots read well).
/** The one word of the UI-made gig's title that no other gig has. */
const GIG_WORD = 'coffee';
/** The tag of the API-made gigs. */
const BULK_TAG = 'slogan';

let stack: TestStack | undefined;
let web: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let outDir: string | undefined;

async function buildClient(dir: string): Promise<void> {
  const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: webDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d));
    child.stderr.on('data', (d: Buffer) => output.push(d));
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${Buffer.concat(output).toString()}`);
}

/** A port nobody listens on now (for the web server, whose address the media service's links must name). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A PNG of one colour (sharp), large enough for a gig image (at least 400x300). */
const png = (width: number, height: number, background: string): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(failures, { recursive: true });
  outDir = mkdtempSync(path.join(tmpdir(), 'gigmart-web-'));
  await buildClient(outDir);
  const webPort = await freePort();
  stack = await startTestStack({ mediaOptions: { publicUrl: `http://127.0.0.1:${webPort}` } });
  web = await startWebServer({ port: webPort, gatewayUrl: stack.gatewayUrl, distDir: outDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stack?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 860 }, baseURL: web!.url });
  // Nothing leaves the machine.
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    (route) => route.abort('blockedbyclient'),
  );
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // Uncaught errors in the page (a component that throws leaves a blank page): quoted by a failed step.
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return { context, page };
}

const pageErrors = new WeakMap<Page, string[]>();

/**
 * One step of the story. A failure names the step, quotes what the page showed in its alerts,
 * and leaves a screenshot.
 */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const file = path.join(failures, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    const alerts = await page
      .locator('[role=alert]')
      .allInnerTexts()
      .catch(() => []);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Step "${name}" failed at ${page.url()}: ${message}\n` +
        `Alerts on the page: ${alerts.length ? alerts.map((a) => JSON.stringify(a)).join(', ') : 'none'}\n` +
        `Errors in the page: ${pageErrors.get(page)?.join('\n') || 'none'}\n` +
        `Screenshot: ${path.relative(webDir, file)}`,
      { cause: error },
    );
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

const form = (page: Page, label: string): Locator => page.locator(`form[aria-label="${label}"]`);

/** The userError shown beside a field, e.g. fieldError(form, 'input.password'). */
const fieldError = (scope: Locator, field: string): Locator => scope.locator(`[data-field="${field}"] .field-error`);

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.getByTestId('order-status').filter({ hasText: status }).waitFor();
}

/** The number on the notification bell (0 when it shows none). */
async function unreadNotifications(page: Page): Promise<number> {
  const badge = page.getByTestId('notifications-unread');
  return (await badge.count()) > 0 ? Number.parseInt(await badge.innerText(), 10) : 0;
}

/** Fills the sign-up form on the page and sends it. */
async function submitSignUp(page: Page, username: string, displayName: string): Promise<void> {
  const signUp = form(page, 'Sign up');
  await signUp.locator('input[name=displayName]').fill(displayName);
  await signUp.locator('input[name=username]').fill(username);
  await signUp.locator('input[name=email]').fill(`${username}@example.com`);
  await signUp.locator('input[name=password]').fill('correct horse battery');
  await signUp.getByRole('button', { name: 'Create account' }).click();
}

async function signUpThroughUi(page: Page, username: string, displayName: string): Promise<void> {
  await page.goto('/signup');
  await submitSignUp(page, username, displayName);
  await page
    .getByTestId('viewer')
    .filter({ hasText: `@${username}` })
    .waitFor();
}

interface GigInput {
  title: string;
  description: string;
  categorySlug: string;
  tags: string[];
  packages: Array<{ tier: string; name: string; description: string; priceCents: number; deliveryDays: number; revisions?: number }>;
  extras?: Array<{ kind: string; title: string; description?: string; priceCents: number; days: number }>;
}

/** A gig made and published through the API (not the UI); its id. */
async function createGigThroughApi(seller: Actor, input: GigInput): Promise<string> {
  const created = await seller.gql<{ createGig: { gig: { id: string } | null; userErrors: unknown[] } }>(
    `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }`,
    { input },
  );
  const id = created.data?.createGig.gig?.id;
  if (!id) throw new Error(`createGig through the API failed: ${JSON.stringify(created.errors ?? created.data)}`);
  const published = await seller.gql<{ publishGig: { userErrors: unknown[] } }>(
    `mutation ($input: GigIdInput!) { publishGig(input: $input) { gig { id } userErrors { field message code } } }`,
    { input: { id } },
  );
  if (published.errors || published.data?.publishGig.userErrors.length) {
    throw new Error(`publishGig through the API failed: ${JSON.stringify(published.errors ?? published.data)}`);
  }
  return id;
}

/** Gigs made through the API (not the UI) so that a search has more than one page. */
async function createGigsThroughApi(seller: Actor, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await createGigThroughApi(seller, {
      title: `I will write a catchy slogan number ${i + 1}`,
      description:
        'A short, memorable slogan for your brand, product or campaign, with three options to choose from and a short note on why each works.',
      categorySlug: 'copywriting',
      tags: [BULK_TAG, 'branding'],
      packages: [{ tier: 'BASIC', name: 'One slogan', description: 'Three options', priceCents: 1000 + i * 100, deliveryDays: 2 }],
    });
  }
}

async function logInThroughUi(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  const logIn = form(page, 'Log in');
  await logIn.locator('input[name=login]').fill(login);
  await logIn.locator('input[name=password]').fill(password);
  await logIn.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByTestId('viewer')
    .filter({ hasText: `@${login}` })
    .waitFor();
}

describe('the web client in a browser', () => {
  it('a seller publishes a gig; a buyer finds it, orders, and the two complete the order to a review', { timeout: 420_000 }, async () => {
    const sellerName = 'sam_designs';
    const buyerName = 'bea_buyer';
    const seller = await newContext();
    const buyer = await newContext();
    const gigTitle = `I will design a modern logo for your ${GIG_WORD} brand`;
    let gigUrl = '';
    let orderUrl = '';
    const deliveredBytes = await png(640, 480, '#2c3e50');

    // ---- the seller ---------------------------------------------------------------------------
    await step(seller.page, 'sign-up form shows userErrors beside their fields', async () => {
      await seller.page.goto('/signup');
      const signUp = form(seller.page, 'Sign up');
      await signUp.locator('input[name=displayName]').fill('Sam Seller');
      await signUp.locator('input[name=username]').fill(sellerName);
      await signUp.locator('input[name=email]').fill('not-an-email');
      await signUp.locator('input[name=password]').fill('short');
      await signUp.getByRole('button', { name: 'Create account' }).click();
      await fieldError(signUp, 'input.password').waitFor();
      await fieldError(signUp, 'input.email').waitFor();
      expect(await fieldError(signUp, 'input.username').count()).toBe(0);
      await shot(seller.page, 'signup-errors');
    });

    await step(seller.page, 'the seller signs up', () => signUpThroughUi(seller.page, sellerName, 'Sam Seller'));

    await step(seller.page, 'the seller becomes a seller', async () => {
      await seller.page.getByRole('link', { name: 'Become a seller' }).click();
      const become = form(seller.page, 'Become a seller');
      await become.locator('input[name=headline]').fill('Logos that people remember');
      await become.locator('input[name=skills]').fill('logo design, branding');
      await become.getByRole('button', { name: 'Become a seller' }).click();
      await seller.page.getByRole('heading', { name: 'Selling' }).waitFor();
      await seller.page.getByRole('link', { name: 'Selling', exact: true }).waitFor();
    });

    await step(seller.page, 'the seller creates and publishes a gig', async () => {
      await seller.page.getByRole('link', { name: 'Create a gig' }).click();
      const gig = form(seller.page, 'New gig');
      await gig.locator('input[name=title]').fill(gigTitle);
      await gig
        .locator('textarea[name=description]')
        .fill(
          'A clean, modern logo designed from scratch for your brand. You get two concepts, the source files, and a version for light and dark backgrounds, ready for print and web.',
        );
      await gig.locator('select[name=categorySlug]').selectOption('logo-design');
      await gig.locator('input[name=tags]').fill(`logo, ${GIG_WORD}`);
      await gig.locator('input[name="BASIC.name"]').fill('Starter');
      await gig.locator('textarea[name="BASIC.description"]').fill('One concept and a PNG file');
      await gig.locator('input[name="BASIC.price"]').fill('40');
      await gig.locator('input[name="BASIC.deliveryDays"]').fill('3');
      await gig.locator('input[name="BASIC.revisions"]').fill('1');
      await gig.locator('input[name="BASIC.features"]').fill('1 concept, PNG file');
      await gig.locator('[data-tier=STANDARD] input[type=checkbox]').check();
      await gig.locator('input[name="STANDARD.name"]').fill('Brand pack');
      await gig.locator('textarea[name="STANDARD.description"]').fill('Two concepts, source files, light and dark versions');
      await gig.locator('input[name="STANDARD.price"]').fill('120');
      await gig.locator('input[name="STANDARD.deliveryDays"]').fill('5');
      await gig.locator('input[name="STANDARD.revisions"]').fill('2');
      await gig.locator('input[name="STANDARD.features"]').fill('2 concepts, source files, dark version');
      await gig.getByRole('button', { name: 'Add a question' }).click();
      await gig.locator('input[name="requirement.0"]').fill('What is the name of your brand?');
      await gig.getByRole('button', { name: 'Add an extra' }).click();
      await gig.locator('input[name="extra.0.title"]').fill('Source files');
      await gig.locator('input[name="extra.0.price"]').fill('20');
      await gig.locator('input[name="extra.0.days"]').fill('1');
      // Too small for a gig image: the media service REJECTS it after the upload, and the reason shows.
      const images = gig.locator('input[name=images]');
      await images.setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: await png(200, 150, '#c0392b') });
      const refused = gig.locator('[data-testid=upload][data-state=failed]').filter({ hasText: 'tiny.png' });
      await refused.filter({ hasText: 'at least 400x300' }).waitFor();
      await refused.getByRole('button', { name: 'Remove' }).click();
      await refused.waitFor({ state: 'detached' });
      // A picture for the gallery: uploaded at once (createUpload, PUT, completeUpload), READY with a thumbnail.
      await gig
        .locator('input[name=images]')
        .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: await png(800, 600, '#e67e22') });
      await gig.locator('[data-testid=upload][data-state=ready]').filter({ hasText: 'cover.png' }).waitFor();
      await shot(seller.page, 'new-gig');
      await gig.getByRole('button', { name: 'Create and publish' }).click();
      await seller.page.getByRole('heading', { name: gigTitle }).waitFor();
      // Published: no draft notice.
      expect(await seller.page.getByText('This gig is').count()).toBe(0);
      // The extra is offered beside the packages (not to its own seller).
      await seller.page.getByTestId('extras').filter({ hasText: 'Source files' }).waitFor();
      expect(await seller.page.getByRole('checkbox', { name: /Source files/ }).isDisabled()).toBe(true);
      gigUrl = new URL(seller.page.url()).pathname;
      // The gallery's picture, served by the media service (its 1200-pixel rendition, here 800 wide).
      const picture = seller.page.locator('img[src*="/files/"]').first();
      await picture.waitFor();
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
    });

    await step(seller.page, 'a second seller has enough gigs for two pages of results', async () => {
      const other = await signUpSeller(stack!);
      await createGigsThroughApi(other, 13);
    });

    // ---- the buyer ----------------------------------------------------------------------------
    await step(buyer.page, 'the buyer browses categories', async () => {
      await buyer.page.goto('/');
      await buyer.page.getByRole('link', { name: 'Logo Design' }).waitFor();
      await shot(buyer.page, 'home');
      await buyer.page.getByRole('link', { name: 'Logo Design' }).click();
      await buyer.page.getByRole('link', { name: gigTitle }).waitFor();
    });

    await step(buyer.page, 'the buyer pages through search results with "Load more"', async () => {
      await buyer.page.getByRole('searchbox', { name: 'Search gigs' }).fill(BULK_TAG);
      await buyer.page.getByRole('button', { name: 'Search', exact: true }).click();
      await buyer.page.getByTestId('result-count').filter({ hasText: '13 services' }).waitFor();
      await buyer.page.locator('.gig-card').nth(11).waitFor();
      expect(await buyer.page.locator('.gig-card').count()).toBe(12);
      await buyer.page.getByRole('button', { name: 'Load more' }).click();
      await buyer.page.locator('.gig-card').nth(12).waitFor();
      expect(await buyer.page.locator('.gig-card').count()).toBe(13);
      expect(await buyer.page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    });

    await step(buyer.page, 'the buyer searches with a filter and a sort', async () => {
      await buyer.page.getByRole('searchbox', { name: 'Search gigs' }).fill(GIG_WORD);
      await buyer.page.getByRole('button', { name: 'Search', exact: true }).click();
      const filters = form(buyer.page, 'Filters');
      // The search page takes in a new search in a transition, and resets the filters to it then:
      // wait until it has, or the filters chosen below are reset (a slow machine showed it).
      await expect.poll(() => filters.locator('input[name=q]').inputValue(), { timeout: 15_000 }).toBe(GIG_WORD);
      await filters.locator('select[name=category]').selectOption('logo-design');
      await filters.locator('input[name=max]').fill('50');
      await filters.locator('select[name=sort]').selectOption('PRICE_LOW_TO_HIGH');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await buyer.page.waitForURL(/sort=PRICE_LOW_TO_HIGH/);
      await buyer.page.getByTestId('result-count').filter({ hasText: '1 service' }).waitFor();
      await buyer.page.getByRole('link', { name: gigTitle }).waitFor();
      await shot(buyer.page, 'search');
      // A maximum under the starting price ($40) leaves nothing.
      await filters.locator('input[name=max]').fill('30');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await buyer.page.getByTestId('result-count').filter({ hasText: '0 services' }).waitFor();
      await filters.locator('input[name=max]').fill('50');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await buyer.page.getByRole('link', { name: gigTitle }).click();
    });

    await step(buyer.page, 'the gig page shows packages, the seller level and reviews', async () => {
      await buyer.page.getByRole('heading', { name: gigTitle }).waitFor();
      await buyer.page.getByTestId('seller-level').filter({ hasText: 'New seller' }).waitFor();
      await buyer.page.getByText('No reviews yet.').waitFor();
      await buyer.page.getByTestId('package').filter({ hasText: 'Starter' }).waitFor();
      await buyer.page.getByRole('tab', { name: 'Standard' }).click();
      await buyer.page.getByTestId('package').filter({ hasText: 'Brand pack' }).waitFor();
      await buyer.page.getByRole('tab', { name: 'Basic' }).click();
      await buyer.page.getByTestId('package').filter({ hasText: '$40.00' }).waitFor();
    });

    await step(buyer.page, 'ordering asks an anonymous buyer to sign up, then places the order', async () => {
      await buyer.page.getByRole('button', { name: /Continue/ }).click();
      await buyer.page.waitForURL(/\/login\?next=/);
      await buyer.page.getByRole('link', { name: 'Create an account' }).click();
      await submitSignUp(buyer.page, buyerName, 'Bea Buyer');
      await buyer.page.waitForURL((url) => url.pathname === gigUrl);
      await buyer.page
        .getByTestId('viewer')
        .filter({ hasText: `@${buyerName}` })
        .waitFor();
      await buyer.page.getByText('No reviews yet.').waitFor();
      await shot(buyer.page, 'gig');
      await buyer.page.getByRole('button', { name: 'Continue ($45.20)' }).click();
      await buyer.page.waitForURL(/\/orders\/[^/]+$/);
      await expectStatus(buyer.page, 'Awaiting requirements');
      orderUrl = new URL(buyer.page.url()).pathname;
    });

    await step(buyer.page, 'the buyer answers the requirements', async () => {
      const requirements = form(buyer.page, 'Requirements');
      await requirements.locator('textarea').first().fill('Zebra Coffee Roasters');
      await requirements.getByRole('button', { name: 'Start the order' }).click();
      await expectStatus(buyer.page, 'In progress');
      await buyer.page.getByText('Zebra Coffee Roasters').waitFor();
    });

    await step(buyer.page, 'the buyer sends a message', async () => {
      const message = form(buyer.page, 'Send a message');
      await message.locator('textarea[name=body]').fill('Hi! Warm colours would be great.');
      await message.getByRole('button', { name: 'Send' }).click();
      await buyer.page.getByTestId('message').filter({ hasText: 'Warm colours' }).waitFor();
    });

    await step(seller.page, 'the seller finds the order, reads the message and answers', async () => {
      await seller.page.getByRole('link', { name: 'Orders', exact: true }).click();
      await seller.page.getByRole('tab', { name: 'Selling' }).click();
      await seller.page.getByRole('link', { name: /^#/ }).first().click();
      await expectStatus(seller.page, 'In progress');
      await seller.page.getByTestId('message').filter({ hasText: 'Warm colours' }).waitFor();
      const message = form(seller.page, 'Send a message');
      await message.locator('textarea[name=body]').fill('Noted, first draft soon.');
      await message.getByRole('button', { name: 'Send' }).click();
      await seller.page.getByTestId('message').filter({ hasText: 'first draft soon' }).waitFor();
    });

    // The buyer's order page stays open from here: what the seller does shows there live.
    let unreadBefore = 0;
    await step(buyer.page, "the seller's answer shows on the buyer's open order page", async () => {
      expect(new URL(buyer.page.url()).pathname).toBe(orderUrl);
      await buyer.page.getByTestId('message').filter({ hasText: 'first draft soon' }).waitFor();
      // A marker on this very page: a reload or a navigation would lose it.
      await buyer.page.evaluate(() => {
        (window as unknown as Record<string, unknown>)['gigmartLiveMarker'] = 'still here';
      });
      unreadBefore = await unreadNotifications(buyer.page);
    });

    await step(seller.page, 'the seller delivers', async () => {
      const deliver = form(seller.page, 'Deliver');
      await deliver.locator('textarea[name=message]').fill('Here is the first concept.');
      await deliver.locator('textarea[name=attachments]').fill('https://files.example.com/logo-v1.png');
      await deliver.locator('input[name=files]').setInputFiles({ name: 'logo-v1.png', mimeType: 'image/png', buffer: deliveredBytes });
      await deliver.locator('[data-testid=upload][data-state=ready]').filter({ hasText: 'logo-v1.png' }).waitFor();
      await deliver.getByRole('button', { name: 'Deliver' }).click();
      await expectStatus(seller.page, 'Delivered');
    });

    await step(buyer.page, "the buyer's open page shows the delivery and a new notification without a reload", async () => {
      await expectStatus(buyer.page, 'Delivered');
      await buyer.page.getByTestId('delivery').filter({ hasText: 'first concept' }).waitFor();
      await expect.poll(() => unreadNotifications(buyer.page), { timeout: 15_000 }).toBeGreaterThan(unreadBefore);
      await buyer.page.getByTestId('notification-bell').click();
      const delivered = buyer.page.getByTestId('notification').filter({ hasText: `${sellerName} delivered your order` });
      await delivered.waitFor();
      await shot(buyer.page, 'notifications');
      expect(await buyer.page.evaluate(() => (window as unknown as Record<string, unknown>)['gigmartLiveMarker'])).toBe('still here');
      // Opening the notification marks it read (and leads to the order, already open).
      const unread = await unreadNotifications(buyer.page);
      await delivered.getByRole('link').click();
      await expect.poll(() => unreadNotifications(buyer.page), { timeout: 15_000 }).toBe(unread - 1);
    });

    await step(buyer.page, 'the buyer downloads the delivered file: the bytes the seller uploaded', async () => {
      const file = buyer.page
        .getByTestId('delivery')
        .filter({ hasText: 'first concept' })
        .getByTestId('file')
        .getByRole('link', { name: 'logo-v1.png', exact: true });
      // The click asks the API for a fresh link (they expire after 15 minutes) and follows it.
      const [download] = await Promise.all([buyer.page.waitForEvent('download'), file.click()]);
      expect(download.suggestedFilename()).toBe('logo-v1.png');
      expect(readFileSync(await download.path()).equals(deliveredBytes)).toBe(true);
    });

    await step(buyer.page, 'the buyer asks for a revision', async () => {
      await expectStatus(buyer.page, 'Delivered');
      const revision = form(buyer.page, 'Revision');
      await revision.locator('textarea[name=revisionMessage]').fill('Could the zebra face left?');
      await revision.getByRole('button', { name: 'Ask for a revision' }).click();
      await expectStatus(buyer.page, 'In revision');
    });

    await step(seller.page, 'the seller delivers the revision', async () => {
      await seller.page.reload();
      await expectStatus(seller.page, 'In revision');
      const deliver = form(seller.page, 'Deliver');
      await deliver.locator('textarea[name=message]').fill('The zebra now faces left.');
      await deliver.getByRole('button', { name: 'Deliver' }).click();
      await expectStatus(seller.page, 'Delivered');
      await shot(seller.page, 'seller-order');
    });

    await step(buyer.page, "the revision shows on the buyer's page live, without a reload", async () => {
      await expectStatus(buyer.page, 'Delivered');
      await buyer.page.getByTestId('delivery').filter({ hasText: 'faces left' }).waitFor();
      expect(await buyer.page.evaluate(() => (window as unknown as Record<string, unknown>)['gigmartLiveMarker'])).toBe('still here');
    });

    await step(buyer.page, 'after a reload the buyer is still signed in (silent refresh)', async () => {
      // The access token lived in memory only: the reload lost it, the refresh token brings it back.
      const refreshes: string[] = [];
      buyer.page.on('request', (request) => {
        if (request.url().endsWith('/graphql') && request.postData()?.includes('refreshSession')) refreshes.push(request.url());
      });
      await buyer.page.goto(orderUrl);
      await buyer.page
        .getByTestId('viewer')
        .filter({ hasText: `@${buyerName}` })
        .waitFor();
      await expectStatus(buyer.page, 'Delivered');
      expect(refreshes.length).toBeGreaterThan(0);
    });

    await step(buyer.page, 'an UNAUTHENTICATED answer makes the client refresh and retry', async () => {
      // The next signed-in request goes out with a bogus token, as if the access token had expired.
      let tampered = false;
      await buyer.page.route('**/graphql', async (route) => {
        const headers = route.request().headers();
        if (!tampered && headers['authorization'] && !route.request().postData()?.includes('refreshSession')) {
          tampered = true;
          await route.continue({ headers: { ...headers, authorization: 'Bearer not-a-valid-token' } });
          return;
        }
        await route.continue();
      });
      const refreshed = buyer.page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('refreshSession'));
      await buyer.page.getByRole('link', { name: 'Orders', exact: true }).click();
      await refreshed;
      await buyer.page.getByRole('link', { name: /^#/ }).first().waitFor();
      expect(tampered).toBe(true);
      await buyer.page.unroute('**/graphql');
      await buyer.page.goto(orderUrl);
      await expectStatus(buyer.page, 'Delivered');
    });

    await step(buyer.page, 'the buyer accepts the delivery', async () => {
      await buyer.page.getByRole('button', { name: 'Accept and complete' }).click();
      await expectStatus(buyer.page, 'Completed');
    });

    await step(buyer.page, 'the review form shows userErrors beside the comment, then publishes', async () => {
      const review = form(buyer.page, 'Review');
      await review.locator('select[name=rating]').selectOption('5');
      await review.locator('select[name=communication]').selectOption('5');
      await review.locator('textarea[name=comment]').fill('Great');
      await review.getByRole('button', { name: 'Publish review' }).click();
      await fieldError(review, 'input.comment').waitFor();
      await review.locator('textarea[name=comment]').fill('Great logo, fast and friendly. The zebra is perfect.');
      await review.getByRole('button', { name: 'Publish review' }).click();
      await buyer.page.getByTestId('order-review').filter({ hasText: 'The zebra is perfect' }).waitFor();
      await shot(buyer.page, 'order');
    });

    await step(buyer.page, 'the review appears on the gig page', async () => {
      await buyer.page.goto(gigUrl);
      await buyer.page.getByTestId('review').filter({ hasText: 'The zebra is perfect' }).waitFor();
      await buyer.page.getByText('★ 5.0 (1)').first().waitFor();
    });

    await step(buyer.page, "the seller's profile shows the track record, the gig and the review", async () => {
      await buyer.page.getByTestId('seller').getByRole('link', { name: 'Sam Seller' }).click();
      await buyer.page.getByRole('heading', { name: /Sam Seller/ }).waitFor();
      await buyer.page.getByRole('link', { name: gigTitle }).waitFor();
      await buyer.page.locator('.review').filter({ hasText: 'The zebra is perfect' }).waitFor();
      await buyer.page.locator('.facts').getByText('New seller').waitFor();
      await shot(buyer.page, 'profile');
    });

    await step(seller.page, 'the seller logs out, logs back in and replies to the review', async () => {
      await seller.page.getByRole('button', { name: 'Log out' }).click();
      await seller.page.getByRole('link', { name: 'Log in', exact: true }).click();
      const logIn = form(seller.page, 'Log in');
      await logIn.locator('input[name=login]').fill(sellerName);
      await logIn.locator('input[name=password]').fill('not the password');
      await logIn.getByRole('button', { name: 'Log in' }).click();
      await logIn.locator('.form-errors, .field-error').first().waitFor();
      await logIn.locator('input[name=password]').fill('correct horse battery');
      await logIn.getByRole('button', { name: 'Log in' }).click();
      await seller.page
        .getByTestId('viewer')
        .filter({ hasText: `@${sellerName}` })
        .waitFor();
      await seller.page.goto(orderUrl);
      await expectStatus(seller.page, 'Completed');
      const reply = form(seller.page, 'Respond to review');
      await reply.locator('textarea[name=response]').fill('Thank you, enjoy your new logo!');
      await reply.getByRole('button', { name: 'Reply' }).click();
      await seller.page.getByTestId('order-review').filter({ hasText: 'enjoy your new logo' }).waitFor();
    });

    await step(buyer.page, 'the buyer tips: under $5 is refused beside the amount, $20 is sent', async () => {
      await buyer.page.goto(orderUrl);
      const tip = form(buyer.page, 'Tip');
      await tip.locator('input[name=tipAmount]').fill('4.99');
      await tip.getByRole('button', { name: 'Send tip' }).click();
      await fieldError(tip, 'input.amountCents').waitFor();
      await tip.locator('input[name=tipAmount]').fill('20');
      await tip.getByRole('button', { name: 'Send tip' }).click();
      await buyer.page.getByTestId('order-tip').filter({ hasText: '$20.00' }).waitFor();
    });

    await step(seller.page, 'the seller sees the tip available at once and withdraws $10 of it', async () => {
      await seller.page.getByRole('link', { name: 'Earnings' }).click();
      // The tip less the 20% commission: $16.00 available; the order's earnings clear in 14 days.
      await seller.page.getByTestId('available').filter({ hasText: '$16.00' }).waitFor();
      await seller.page.getByTestId('ledger-line').filter({ hasText: 'Tip' }).waitFor();
      await seller.page.getByTestId('ledger-line').filter({ hasText: 'Order earnings' }).waitFor();
      const withdraw = form(seller.page, 'Withdraw');
      await withdraw.locator('input[name=withdrawAmount]').fill('9.99');
      await withdraw.getByRole('button', { name: 'Withdraw' }).click();
      await fieldError(withdraw, 'input.amountCents').waitFor();
      await withdraw.locator('input[name=withdrawAmount]').fill('10');
      await withdraw.getByRole('button', { name: 'Withdraw' }).click();
      await seller.page.getByTestId('withdrawal').filter({ hasText: 'completed' }).waitFor();
      await seller.page.getByTestId('available').filter({ hasText: '$6.00' }).waitFor();
      await seller.page.getByTestId('withdrawn').filter({ hasText: '$10.00' }).waitFor();
      await shot(seller.page, 'earnings');
    });

    await seller.context.close();
    await buyer.context.close();
  });

  it('a buyer writes to a seller from a gig page; the seller sees the unread conversation and answers', { timeout: 300_000 }, async () => {
    const sellerApi = await signUpSeller(stack!, { username: 'cleo_copy', displayName: 'Cleo Copy' });
    const gigId = await createGigThroughApi(sellerApi, {
      title: 'I will write the words for your bakery website',
      description:
        'Friendly, clear copy for the pages of your bakery website: home, about and menu, written from a short call and your notes, with one round of edits.',
      categorySlug: 'copywriting',
      tags: ['website', 'bakery'],
      packages: [{ tier: 'BASIC', name: 'Three pages', description: 'Home, about, menu', priceCents: 9000, deliveryDays: 4 }],
    });
    const buyerName = 'dan_bakes';
    const attachedBytes = Buffer.from('Menu\n- Sourdough loaf\n- Croissant\n- Cinnamon bun\n');
    const buyer = await newContext();
    const seller = await newContext();
    let threadUrl = '';

    await step(buyer.page, '"Contact seller" asks an anonymous visitor to sign up, then opens a new conversation', async () => {
      await buyer.page.goto(`/gigs/${gigId}`);
      await buyer.page.getByRole('link', { name: 'Contact seller' }).click();
      await buyer.page.waitForURL(/\/login\?next=/);
      await buyer.page.getByRole('link', { name: 'Create an account' }).click();
      await submitSignUp(buyer.page, buyerName, 'Dan Baker');
      await buyer.page.waitForURL((url) => url.pathname === `/inbox/with/${sellerApi.id}`);
      await buyer.page.getByRole('heading', { name: /Cleo Copy/ }).waitFor();
      await buyer.page.getByText('Your first message starts the conversation').waitFor();
    });

    await step(buyer.page, 'the first message opens the conversation', async () => {
      const box = form(buyer.page, 'Send a message');
      // Refused by the server (an empty body): the error shows beside the field, nothing is sent.
      await box.getByRole('button', { name: 'Send' }).click();
      await fieldError(box, 'input.body').waitFor();
      await box.locator('textarea[name=body]').fill('Hi Cleo! Could you write the pages of my bakery website by Friday?');
      await box.getByRole('button', { name: 'Send' }).click();
      await buyer.page.waitForURL(/\/inbox\/[0-9a-f]+$/);
      threadUrl = new URL(buyer.page.url()).pathname;
      await buyer.page.getByTestId('message').filter({ hasText: 'bakery website by Friday' }).filter({ hasText: 'Sent' }).waitFor();
      // "Contact seller" again finds the conversation instead of starting another.
      await buyer.page.goto(`/gigs/${gigId}`);
      await buyer.page.getByRole('link', { name: 'Contact seller' }).click();
      await buyer.page.waitForURL((url) => url.pathname === threadUrl);
      await buyer.page.getByTestId('message').filter({ hasText: 'bakery website by Friday' }).waitFor();
      expect(await buyer.page.getByTestId('message').count()).toBe(1);
    });

    await step(seller.page, 'the seller sees the unread conversation in the header and the inbox', async () => {
      await logInThroughUi(seller.page, sellerApi.username, sellerApi.password);
      await seller.page.getByTestId('inbox-unread').filter({ hasText: '1' }).waitFor();
      await seller.page.getByRole('link', { name: /^Inbox/ }).click();
      await seller.page.getByRole('heading', { name: 'Inbox' }).waitFor();
      const row = seller.page.getByTestId('conversation').filter({ hasText: 'Dan Baker' });
      await row.filter({ hasText: 'bakery website by Friday' }).waitFor();
      await row.getByTestId('unread-count').filter({ hasText: '1 unread' }).waitFor();
      await seller.page.getByRole('tab', { name: 'Unread' }).click();
      await row.waitFor();
      await shot(seller.page, 'inbox');
    });

    await step(buyer.page, 'the buyer leaves the conversation for the home page', async () => {
      // An open thread would show the answer live and read it: the buyer waits elsewhere.
      await buyer.page.locator('a.brand').click();
      await buyer.page.waitForURL((url) => url.pathname === '/');
    });

    await step(seller.page, 'opening the conversation reads it; the seller answers', async () => {
      await seller.page.getByTestId('conversation').filter({ hasText: 'Dan Baker' }).getByRole('link').click();
      await seller.page.getByTestId('message').filter({ hasText: 'bakery website by Friday' }).waitFor();
      // Marked read: the header has no unread count any more.
      await seller.page.getByTestId('inbox-unread').waitFor({ state: 'detached' });
      const box = form(seller.page, 'Send a message');
      await box.locator('textarea[name=body]').fill('Hello Dan, Friday works. Send me your menu and a few photos.');
      // With an attachment: uploaded at once, sent with the message by its id.
      await box
        .locator('input[name=attachments]')
        .setInputFiles({ name: 'menu-template.txt', mimeType: 'text/plain', buffer: attachedBytes });
      await box.locator('[data-testid=upload][data-state=ready]').filter({ hasText: 'menu-template.txt' }).waitFor();
      await box.getByRole('button', { name: 'Send' }).click();
      await seller.page
        .getByTestId('message')
        .first()
        .filter({ hasText: 'Friday works' })
        .filter({ hasText: 'menu-template.txt' })
        .waitFor();
      expect(await box.locator('textarea[name=body]').inputValue()).toBe('');
      expect(await box.getByTestId('upload').count()).toBe(0);
      await seller.page.getByRole('link', { name: /^Inbox/ }).click();
      await seller.page.getByTestId('conversation').filter({ hasText: 'You: Hello Dan' }).waitFor();
      expect(await seller.page.getByTestId('unread-count').count()).toBe(0);
    });

    await step(buyer.page, 'the buyer sees the answer', async () => {
      // The header's count comes live, on the page where the buyer waits.
      await buyer.page.getByTestId('inbox-unread').filter({ hasText: '1' }).waitFor();
      expect(new URL(buyer.page.url()).pathname).toBe('/');
      await buyer.page.getByRole('link', { name: /^Inbox/ }).click();
      const row = buyer.page.getByTestId('conversation').filter({ hasText: 'Cleo Copy' });
      await row.filter({ hasText: 'Friday works' }).getByTestId('unread-count').waitFor();
      await row.getByRole('link').click();
      // Newest first: the answer above the question, which the seller has read.
      await buyer.page.getByTestId('message').first().filter({ hasText: 'Friday works' }).waitFor();
      await buyer.page.getByTestId('message').nth(1).filter({ hasText: 'by Friday' }).filter({ hasText: 'Read' }).waitFor();
      await buyer.page.getByTestId('inbox-unread').waitFor({ state: 'detached' });
      await shot(buyer.page, 'conversation');
      // The attachment, for both members of the conversation: a fresh link on each click.
      const link = buyer.page.getByTestId('message').first().getByRole('link', { name: 'menu-template.txt', exact: true });
      const [download] = await Promise.all([buyer.page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('menu-template.txt');
      expect(readFileSync(await download.path()).equals(attachedBytes)).toBe(true);
    });

    await step(buyer.page, 'a long conversation pages back with "Older messages"', async () => {
      const recipientId = await buyerId();
      for (let i = 1; i <= 25; i++) {
        const sent = await sellerApi.gql<{ sendMessage: { userErrors: unknown[] } }>(
          `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { message { id } userErrors { field message code } } }`,
          { input: { recipientId, body: `Question ${i} about the menu`, idempotencyKey: `menu-${i}` } },
        );
        if (sent.errors || sent.data?.sendMessage.userErrors.length) throw new Error(`sendMessage failed: ${JSON.stringify(sent)}`);
      }
      await buyer.page.reload();
      await buyer.page.getByTestId('message').first().filter({ hasText: 'Question 25 about' }).waitFor();
      await buyer.page.getByTestId('message').nth(19).waitFor();
      expect(await buyer.page.getByTestId('message').count()).toBe(20);
      expect(await buyer.page.getByTestId('message').filter({ hasText: 'by Friday' }).count()).toBe(0);
      await buyer.page.getByRole('button', { name: 'Older messages' }).click();
      await buyer.page.getByTestId('message').last().filter({ hasText: 'by Friday' }).waitFor();
      expect(await buyer.page.getByTestId('message').count()).toBe(27);
      expect(await buyer.page.getByRole('button', { name: 'Older messages' }).count()).toBe(0);
    });

    await step(buyer.page, 'blocking stops both from writing; only the blocker unblocks', async () => {
      await buyer.page.getByRole('button', { name: 'Block' }).click();
      await buyer.page.getByTestId('blocked').filter({ hasText: 'You blocked this member' }).waitFor();
      expect(await form(buyer.page, 'Send a message').count()).toBe(0);
      await seller.page.goto(threadUrl);
      await seller.page.getByTestId('blocked').filter({ hasText: 'you cannot write here' }).waitFor();
      expect(await form(seller.page, 'Send a message').count()).toBe(0);
      expect(await seller.page.getByRole('button', { name: 'Unblock' }).count()).toBe(0);
      await buyer.page.getByRole('button', { name: 'Unblock' }).click();
      await form(buyer.page, 'Send a message').waitFor();
    });

    await step(buyer.page, 'starred and archived conversations have their own tabs', async () => {
      await buyer.page.getByRole('button', { name: 'Star' }).click();
      await buyer.page.getByRole('button', { name: 'Starred', pressed: true }).waitFor();
      await buyer.page.getByRole('button', { name: 'Archive' }).click();
      await buyer.page.getByRole('button', { name: 'Move to inbox' }).waitFor();
      await buyer.page.getByRole('link', { name: /^Inbox/ }).click();
      await buyer.page.getByText('No conversations in your inbox.').waitFor();
      await buyer.page.getByRole('tab', { name: 'Archived' }).click();
      await buyer.page.getByTestId('conversation').filter({ hasText: 'Cleo Copy' }).waitFor();
      await buyer.page.getByRole('tab', { name: 'Starred' }).click();
      await buyer.page.getByText('No conversations here.').waitFor();
    });

    await step(seller.page, 'the seller answers with a custom offer (errors beside the form), and can withdraw one', async () => {
      await seller.page.goto(threadUrl);
      await seller.page.locator('summary', { hasText: 'Send an offer' }).click();
      const offer = form(seller.page, 'Send an offer');
      await offer.locator('select[name=gigId]').selectOption({ label: 'I will write the words for your bakery website' });
      // Refused by the server: a description under 10 characters. Nothing is sent.
      await offer.locator('textarea[name=offerDescription]').fill('Pages');
      await offer.locator('input[name=offerPrice]').fill('150');
      await offer.locator('input[name=offerDeliveryDays]').fill('5');
      await offer.locator('input[name=offerRevisions]').fill('2');
      await offer.getByRole('button', { name: 'Send offer' }).click();
      await fieldError(offer, 'input.description').waitFor();
      expect(await seller.page.getByTestId('offer').count()).toBe(0);
      // A first offer, withdrawn: its card says so and has no buttons any more.
      await offer.locator('textarea[name=offerDescription]').fill('Home and about pages only, from your notes.');
      await offer.locator('input[name=offerPrice]').fill('60');
      await offer.getByRole('button', { name: 'Send offer' }).click();
      const first = seller.page.getByTestId('offer').filter({ hasText: 'Home and about pages only' });
      await first.getByTestId('offer-status').filter({ hasText: 'Pending' }).waitFor();
      await first.getByRole('button', { name: 'Withdraw' }).click();
      await first.getByTestId('offer-status').filter({ hasText: 'Withdrawn' }).waitFor();
      expect(await first.getByRole('button').count()).toBe(0);
      // The offer the buyer will take: the three pages and the menu photos.
      await offer.locator('textarea[name=offerDescription]').fill('Home, about and menu pages, plus captions for your menu photos.');
      await offer.locator('input[name=offerPrice]').fill('150');
      await offer.locator('input[name=offerDeliveryDays]').fill('5');
      await offer.locator('input[name=offerRevisions]').fill('2');
      await offer.getByRole('button', { name: 'Send offer' }).click();
      const card = seller.page.getByTestId('offer').filter({ hasText: 'captions for your menu photos' });
      await card.getByTestId('offer-status').filter({ hasText: 'Pending' }).waitFor();
      await card.getByTestId('offer-price').filter({ hasText: '$150.00' }).waitFor();
      // The seller cannot accept their own offer.
      expect(await card.getByRole('button', { name: /Accept/ }).count()).toBe(0);
      await shot(seller.page, 'offer');
    });

    let offerOrderUrl = '';
    await step(buyer.page, 'the buyer sees the offer card and accepts it: the order page shows the custom package', async () => {
      await buyer.page.goto(threadUrl);
      const card = buyer.page.getByTestId('offer').filter({ hasText: 'captions for your menu photos' });
      await card.getByTestId('offer-status').filter({ hasText: 'Pending' }).waitFor();
      await card.filter({ hasText: '5-day delivery' }).filter({ hasText: '2 revisions' }).waitFor();
      expect(await card.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
      await buyer.page
        .getByTestId('offer')
        .filter({ hasText: 'Home and about pages only' })
        .getByTestId('offer-status')
        .filter({ hasText: 'Withdrawn' })
        .waitFor();
      // $150.00 + the 5.5% service fee ($8.25; no flat fee from $100).
      await card.getByRole('button', { name: 'Accept ($158.25)' }).click();
      await buyer.page.waitForURL(/\/orders\/[^/]+$/);
      offerOrderUrl = new URL(buyer.page.url()).pathname;
      await buyer.page.getByTestId('order-package').filter({ hasText: 'Custom offer (custom)' }).waitFor();
      await buyer.page.getByText('Placed from a custom offer').waitFor();
      // The gig asks no questions: the order starts at once.
      await expectStatus(buyer.page, 'In progress');
      await buyer.page.locator('.order-summary').getByText('$158.25').waitFor();
    });

    await step(seller.page, "the seller's card shows the offer accepted, with the way to the order", async () => {
      await seller.page.reload();
      const card = seller.page.getByTestId('offer').filter({ hasText: 'captions for your menu photos' });
      await card.getByTestId('offer-status').filter({ hasText: 'Accepted' }).waitFor();
      await card.getByRole('link', { name: 'View the order' }).click();
      await seller.page.waitForURL((url) => url.pathname === offerOrderUrl);
      await seller.page.getByTestId('order-package').filter({ hasText: 'Custom offer (custom)' }).waitFor();
    });

    await seller.context.close();
    await buyer.context.close();

    /** The buyer's id, as the seller's side of their conversation names them. */
    async function buyerId(): Promise<string> {
      const res = await sellerApi.gql<{
        conversations: { edges: Array<{ node: { counterpart: { id: string; username: string } | null } }> };
      }>(`{ conversations(first: 5) { edges { node { counterpart { id username } } } } }`);
      const id = res.data?.conversations.edges.find((e) => e.node.counterpart?.username === buyerName)?.node.counterpart?.id;
      if (!id) throw new Error(`no conversation with ${buyerName}: ${JSON.stringify(res)}`);
      return id;
    }
  });

  it(
    'a buyer adds an extra at checkout and another on the order; the seller asks for more time, the buyer agrees',
    { timeout: 300_000 },
    async () => {
      const sellerApi = await signUpSeller(stack!, { username: 'rita_renders', displayName: 'Rita Renders' });
      const buyerApi = await signUp(stack!, { username: 'omar_orders', displayName: 'Omar Orders' });
      const gigId = await createGigThroughApi(sellerApi, {
        title: 'I will render your product in a photorealistic 3D scene',
        description:
          'A photorealistic 3D render of your product in a clean studio scene, lit and framed for your shop, with two camera angles to choose from.',
        categorySlug: 'logo-design',
        tags: ['render', 'product'],
        packages: [
          { tier: 'BASIC', name: 'Two angles', description: 'Two camera angles', priceCents: 4000, deliveryDays: 3, revisions: 1 },
        ],
        extras: [
          { kind: 'ADDITIONAL_REVISION', title: 'One more revision', priceCents: 1000, days: 0 },
          { kind: 'CUSTOM', title: 'Source files', description: 'The scene file, ready to edit', priceCents: 2000, days: 1 },
        ],
      });
      const buyer = await newContext();
      const seller = await newContext();
      let orderUrl = '';
      const dueAt = async (): Promise<string> => {
        const res = await buyerApi.gql<{ order: { dueAt: string | null } | null }>(`query ($id: ID!) { order(id: $id) { dueAt } }`, {
          id: orderUrl.split('/').pop(),
        });
        const due = res.data?.order?.dueAt;
        if (!due) throw new Error(`no dueAt: ${JSON.stringify(res)}`);
        return due;
      };
      // The order page's format (src/format.ts), in this machine's time zone, which the browser shares.
      const shown = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

      await step(buyer.page, 'choosing an extra at checkout updates the price; the order has it', async () => {
        await logInThroughUi(buyer.page, buyerApi.username, buyerApi.password);
        await buyer.page.goto(`/gigs/${gigId}`);
        // $40.00 + the service fee (5.5% + $3.00 under $100).
        await buyer.page.getByTestId('quote-total').filter({ hasText: '$45.20' }).waitFor();
        await buyer.page.getByRole('button', { name: 'Continue ($45.20)' }).waitFor();
        await buyer.page.getByRole('checkbox', { name: /Source files/ }).check();
        // $60.00 + $3.30 + $3.00; one more day of delivery.
        await buyer.page.getByTestId('quote-total').filter({ hasText: '$66.30' }).waitFor();
        await buyer.page.getByTestId('quote').filter({ hasText: '4 days' }).waitFor();
        await shot(buyer.page, 'gig-extras');
        await buyer.page.getByRole('button', { name: 'Continue ($66.30)' }).click();
        await buyer.page.waitForURL(/\/orders\/[^/]+$/);
        orderUrl = new URL(buyer.page.url()).pathname;
        // No questions: work starts at once, due 3 + 1 days later.
        await expectStatus(buyer.page, 'In progress');
        await buyer.page.getByTestId('order-extras').filter({ hasText: 'Source files' }).waitFor();
        await buyer.page.locator('.order-summary').getByText('$66.30').waitFor();
        await buyer.page
          .getByTestId('order-due')
          .filter({ hasText: shown(await dueAt()) })
          .waitFor();
      });

      await step(buyer.page, 'the buyer buys one more revision on the order', async () => {
        await buyer.page.locator('summary', { hasText: 'Buy extras' }).click();
        const buy = form(buyer.page, 'Buy extras');
        await buy.getByRole('checkbox', { name: /One more revision/ }).check();
        await buy.getByRole('button', { name: 'Buy extras' }).click();
        await buyer.page.getByTestId('order-extras').filter({ hasText: 'One more revision' }).waitFor();
        await buyer.page.locator('.order-summary').getByText('1 left').waitFor({ state: 'detached' });
        await buyer.page.locator('.order-summary').getByText('2 left').waitFor();
        // A second payment: $10.00 + $0.55 + $3.00.
        await buyer.page.getByTestId('charges').filter({ hasText: 'Extras: $13.55' }).waitFor();
      });

      let dueBefore = '';
      await step(seller.page, 'the seller asks for two more days (a too-short reason shows beside its field)', async () => {
        dueBefore = await dueAt();
        await logInThroughUi(seller.page, sellerApi.username, sellerApi.password);
        await seller.page.goto(orderUrl);
        await expectStatus(seller.page, 'In progress');
        // Only the buyer buys extras.
        expect(await seller.page.locator('summary', { hasText: 'Buy extras' }).count()).toBe(0);
        const request = form(seller.page, 'Request an extension');
        await request.locator('input[name=extensionDays]').fill('2');
        await request.locator('input[name=extensionReason]').fill('Busy');
        await request.getByRole('button', { name: 'Request extension' }).click();
        await fieldError(request, 'input.reason').waitFor();
        await request.locator('input[name=extensionReason]').fill('The second angle needs a new lighting setup.');
        await request.getByRole('button', { name: 'Request extension' }).click();
        const pending = seller.page.getByTestId('extensions').getByTestId('request').filter({ hasText: '2 more days' });
        await pending.filter({ hasText: 'Waiting for an answer' }).waitFor();
        // One pending request at a time: the form is gone, and the seller cannot answer their own.
        await form(seller.page, 'Request an extension').waitFor({ state: 'detached' });
        expect(await pending.getByRole('button', { name: 'Accept extension' }).count()).toBe(0);
      });

      await step(buyer.page, 'the buyer accepts the extension: the order is due two days later', async () => {
        await buyer.page.reload();
        const pending = buyer.page.getByTestId('extensions').getByTestId('request').filter({ hasText: 'new lighting setup' });
        await pending.getByRole('button', { name: 'Accept extension' }).click();
        await pending.filter({ hasText: 'Accepted' }).waitFor();
        const dueAfter = await dueAt();
        expect(new Date(dueAfter).getTime() - new Date(dueBefore).getTime()).toBe(2 * 24 * 60 * 60 * 1000);
        await buyer.page
          .getByTestId('order-due')
          .filter({ hasText: shown(dueAfter) })
          .waitFor();
        expect(shown(dueAfter)).not.toBe(shown(dueBefore));
        await buyer.page.locator('.events').getByText('extension accepted').waitFor();
        await shot(buyer.page, 'order-extension');
      });

      await seller.context.close();
      await buyer.context.close();
    },
  );

  it('a buyer disputes a delivery; an admin decides it from the disputes page', { timeout: 300_000 }, async () => {
    const sellerApi = await signUpSeller(stack!, { username: 'vic_voice', displayName: 'Vic Voice' });
    const buyerApi = await signUp(stack!, { username: 'pia_podcast', displayName: 'Pia Podcast' });
    const adminApi = await signUp(stack!, { username: 'ada_admin', displayName: 'Ada Admin' });
    // What `npm run admin -w services/users -- grant ada_admin` does; the role is in the next session's token.
    await stack!.services.users.connection.collection('users').updateOne({ username: 'ada_admin' }, { $addToSet: { roles: 'ADMIN' } });
    const gigId = await createGigThroughApi(sellerApi, {
      title: 'I will record a warm voice-over for your podcast intro',
      description:
        'A warm, clear voice-over for the intro and outro of your podcast, recorded in a treated studio and delivered as a clean WAV file.',
      categorySlug: 'copywriting',
      tags: ['voice', 'podcast'],
      packages: [{ tier: 'BASIC', name: 'Intro and outro', description: 'Up to 60 words', priceCents: 4000, deliveryDays: 2 }],
    });
    const placed = await buyerApi.gql<{ placeOrder: { order: { id: string } | null } }>(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { field message code } } }`,
      { input: { gigId, tier: 'BASIC', idempotencyKey: 'dispute-story' } },
    );
    const orderId = placed.data?.placeOrder.order?.id;
    if (!orderId) throw new Error(`placeOrder failed: ${JSON.stringify(placed)}`);
    const delivered = await sellerApi.gql<{ deliverOrder: { userErrors: unknown[] } }>(
      `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { id } userErrors { field message code } } }`,
      { input: { orderId, message: 'Here is your intro, recorded twice.', attachments: [] } },
    );
    if (delivered.errors || delivered.data?.deliverOrder.userErrors.length)
      throw new Error(`deliverOrder failed: ${JSON.stringify(delivered)}`);
    const buyer = await newContext();
    const admin = await newContext();

    await step(buyer.page, 'the buyer opens a dispute on the delivered order', async () => {
      await logInThroughUi(buyer.page, buyerApi.username, buyerApi.password);
      // Members who are not admins have no disputes page.
      expect(await buyer.page.getByRole('link', { name: 'Disputes' }).count()).toBe(0);
      await buyer.page.goto(`/orders/${orderId}`);
      await expectStatus(buyer.page, 'Delivered');
      await buyer.page.getByText('Ask an admin to decide').click();
      const dispute = form(buyer.page, 'Open a dispute');
      await dispute.locator('textarea[name=disputeReason]').fill('Too short');
      await dispute.getByRole('button', { name: 'Open a dispute' }).click();
      await fieldError(dispute, 'input.reason').waitFor();
      await dispute.locator('textarea[name=disputeReason]').fill('The recording is not the script I sent: the names are wrong.');
      await dispute.getByRole('button', { name: 'Open a dispute' }).click();
      await expectStatus(buyer.page, 'Disputed');
      await buyer.page.getByTestId('dispute').filter({ hasText: 'Open' }).filter({ hasText: 'the names are wrong' }).waitFor();
      // While the admin decides, the delivery can be neither accepted nor sent back.
      expect(await buyer.page.getByRole('button', { name: 'Accept and complete' }).count()).toBe(0);
    });

    await step(admin.page, 'the admin lists the open disputes and decides this one: half the subtotal back', async () => {
      await logInThroughUi(admin.page, adminApi.username, adminApi.password);
      await admin.page.getByRole('link', { name: 'Disputes' }).click();
      await admin.page.getByRole('heading', { name: 'Open disputes' }).waitFor();
      await admin.page.getByTestId('dispute-count').filter({ hasText: '1 open dispute' }).waitFor();
      const item = admin.page.getByTestId('disputed-order').filter({ hasText: 'the names are wrong' });
      await item.filter({ hasText: 'Pia Podcast' }).filter({ hasText: 'Vic Voice' }).waitFor();
      await shot(admin.page, 'disputes');
      const resolve = item.locator('form[aria-label="Resolve dispute"]');
      await resolve.locator('select[name=outcome]').selectOption('PARTIAL_REFUND');
      await resolve.locator('input[name=disputeRefundPercent]').fill('50');
      await resolve.locator('textarea[name=resolutionNote]').fill('Half back: the names were wrong, the voice work was done.');
      await resolve.getByRole('button', { name: 'Resolve dispute' }).click();
      await admin.page.getByTestId('dispute-count').filter({ hasText: 'No open disputes.' }).waitFor();
    });

    await step(buyer.page, 'the buyer sees the decision: completed, $20.00 refunded', async () => {
      await buyer.page.reload();
      await expectStatus(buyer.page, 'Completed');
      await buyer.page.getByTestId('dispute').filter({ hasText: 'Resolved' }).filter({ hasText: 'Half back' }).waitFor();
      await buyer.page.locator('.order-summary').getByText('$20.00').waitFor();
    });

    await buyer.context.close();
    await admin.context.close();
  });

  it(
    "shows the demo gigs' pictures, made and uploaded at seed time, with every outside request blocked",
    { timeout: 300_000 },
    async () => {
      const world = await seedDemo(stack!.graphqlUrl, () => {});
      const { context, page } = await newContext();
      for (const gig of world.gigs.slice(0, 3)) {
        await step(page, `the demo gig ${gig.id} shows its picture`, async () => {
          await page.goto(`/gigs/${gig.id}`);
          const picture = page.locator('.gallery img').first();
          await picture.waitFor();
          // Loaded and decoded: the browser got the bytes from this machine (everything else is blocked).
          await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
          expect(new URL((await picture.getAttribute('src'))!, web!.url).hostname).toBe('127.0.0.1');
        });
      }
      await context.close();
    },
  );
});
