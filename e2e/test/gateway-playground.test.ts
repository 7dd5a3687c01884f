import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gigmart/shared';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('the playground', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('is what a browser gets at / and at /graphql, while API clients still get GraphQL', async () => {
    for (const url of [`${stack.gatewayUrl}/`, stack.graphqlUrl]) {
      const page = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<div id="root"');
      // Every script and stylesheet is the gateway's own.
      for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src).toMatch(/^\/playground\//);
    }
    const api = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('{ categories { slug } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('runs { categories { name } } in Chromium with every outside request blocked', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    const local = new Set(['127.0.0.1', 'localhost']);
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (
        (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') &&
        !local.has(url.hostname)
      ) {
        outside.push(url.href);
        return route.abort();
      }
      return route.continue();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    await page.goto(`${stack.gatewayUrl}/`, { waitUntil: 'load' });
    // The example operations arrive as tabs; the schema is fetched by introspection.
    await page.locator('.graphiql-query-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);

    // Type the query the way a person does: focus the first tab's editor, replace what is there.
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{ categories { name } }');
    // GraphiQL names the tab after the operation once it has read the new text: an anonymous one.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText(), { timeout: 10_000 }).toBe('<untitled>');
    await page.locator('button.graphiql-execute-button').click();

    // Monaco renders spaces as non-breaking ones.
    const resultText = async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(resultText, { timeout: 20_000 }).toContain('Graphics & Design');
    const text = await resultText();
    expect(text).toContain('"categories"');
    expect(text).not.toContain('errors');

    // History remembers the query just run.
    await page.locator('.graphiql-sidebar button[aria-label="Show History"]').click();
    await expect.poll(() => page.locator('.graphiql-history-item').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The schema explorer lists the root fields, with the contract's descriptions.
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer-content').getByText('Query', { exact: true }).first().click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 }).toContain('categories');
    expect(await page.locator('.graphiql-doc-explorer').innerText()).toContain('Top-level categories, each with its children.');

    // The README's picture is refreshed on request (UPDATE_SCREENSHOTS=1); otherwise a test run leaves the tree as it was.
    const shots = process.env['UPDATE_SCREENSHOTS'] ? path.join(repoRoot, 'docs') : path.join(tmpdir(), 'gigmart-screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'playground.png') });

    // The "Me" example carries an Authorization placeholder in its headers editor: the playground
    // sends it as a real HTTP header, which the gateway checks (and refuses, as it is a placeholder).
    await page.locator('.graphiql-tab', { hasText: 'Me' }).click();
    await page.getByText('Headers', { exact: true }).first().click();
    await expect
      .poll(async () => (await page.locator('.graphiql-editor-tool').innerText()).replace(/\u00a0/g, ' '))
      .toContain('Bearer <paste your access token here>');
    await page.locator('button.graphiql-execute-button').click();
    const unwrapped = async () => (await resultText()).replace(/\s+/g, ' ');
    await expect.poll(unwrapped, { timeout: 20_000 }).toContain('The Authorization header must be \\"Bearer <access token>\\".');
    expect(await unwrapped()).toContain('"code": "UNAUTHENTICATED"');

    expect(outside).toEqual([]);
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await context.close();
  });
});
