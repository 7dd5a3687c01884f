import { graphqlRequest } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

interface CategoryTree {
  categories: Array<{
    slug: string;
    name: string;
    parent: { slug: string } | null;
    children: Array<{ slug: string; parent: { slug: string } }>;
  }>;
}

describe('the category tree through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('returns at least 8 top-level categories with 3 to 6 children each', async () => {
    const res = await graphqlRequest<CategoryTree>(
      stack.graphqlUrl,
      '{ categories { slug name parent { slug } children { slug parent { slug } } } }',
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const categories = res.data!.categories;
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories.map((c) => c.name)).toContain('Graphics & Design');
    for (const category of categories) {
      expect(category.parent).toBeNull();
      expect(category.children.length).toBeGreaterThanOrEqual(3);
      expect(category.children.length).toBeLessThanOrEqual(6);
      for (const child of category.children) expect(child.parent.slug).toBe(category.slug);
    }
  });

  it('finds a category by slug, and null for an unknown slug', async () => {
    const res = await graphqlRequest<{ logo: { name: string; parent: { name: string } } | null; none: unknown }>(
      stack.graphqlUrl,
      '{ logo: category(slug: "logo-design") { name parent { name } } none: category(slug: "nope") { name } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ logo: { name: 'Logo Design', parent: { name: 'Graphics & Design' } }, none: null });
  });

  it('keeps a caller-supplied request id and makes one otherwise', async () => {
    const kept = await graphqlRequest(stack.graphqlUrl, '{ categories { slug } }', {}, { headers: { 'x-request-id': 'trace-1234567890' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234567890');
    const made = await graphqlRequest(stack.graphqlUrl, '{ categories { slug } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /health and /ready', async () => {
    const health = await fetch(`${stack.gatewayUrl}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${stack.gatewayUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { users: { ok: true }, gigs: { ok: true }, orders: { ok: true } },
    });
    const subgraphReady = await fetch(`${stack.services.gigs.url}/ready`);
    expect(await subgraphReady.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
  });

  it('does not expose federation internals', async () => {
    const res = await graphqlRequest(stack.graphqlUrl, '{ _service { sdl } }');
    expect(res.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
