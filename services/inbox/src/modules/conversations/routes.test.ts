import { callInternal, SERVICE_TOKEN_HEADER } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboxHarness, UPDATE, type InboxHarness } from '../../../test/harness.js';
import { HAS_WRITTEN_ROUTE, type HasWrittenRequest, type HasWrittenResponse } from './routes.js';

describe('POST /internal/conversations/has-written', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness('inbox_routes');
  });
  afterAll(() => h?.stop());

  const ask = (body: HasWrittenRequest) => callInternal<HasWrittenResponse>(h.url, HAS_WRITTEN_ROUTE, body, { token: TEST_SERVICE_TOKEN });

  it('says whether the buyer wrote to the seller and whether their conversation is blocked', async () => {
    const [seller, buyer, quiet] = await Promise.all([h.member({ seller: true }), h.member(), h.member()]);
    expect(await ask({ sellerId: seller.id, buyerId: buyer.id })).toEqual({ hasWritten: false, blocked: false });
    // The seller writing first is not the buyer writing.
    const { conversation } = await h.send(seller, buyer, 'Hi, I saw your request');
    expect(await ask({ sellerId: seller.id, buyerId: buyer.id })).toEqual({ hasWritten: false, blocked: false });
    await h.send(buyer, seller, 'Yes, tell me more');
    expect(await ask({ sellerId: seller.id, buyerId: buyer.id })).toEqual({ hasWritten: true, blocked: false });
    expect(await ask({ sellerId: buyer.id, buyerId: seller.id })).toEqual({ hasWritten: true, blocked: false });
    await h.gql(UPDATE, { input: { conversationId: conversation.id, blocked: true } }, { token: buyer.token });
    expect(await ask({ sellerId: seller.id, buyerId: buyer.id })).toEqual({ hasWritten: true, blocked: true });
    expect(await ask({ sellerId: seller.id, buyerId: quiet.id })).toEqual({ hasWritten: false, blocked: false });
    expect(await ask({ sellerId: seller.id, buyerId: seller.id })).toEqual({ hasWritten: false, blocked: false });
  });

  it('refuses callers without the service credential before reading the body, and malformed bodies', async () => {
    const url = new URL(HAS_WRITTEN_ROUTE, h.url);
    const post = (headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({}, '{}')).status).toBe(401);
    expect((await post({ [SERVICE_TOKEN_HEADER]: 'x'.repeat(46) }, 'not json')).status).toBe(401);
    expect((await post({ [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN }, '{"sellerId":"nope","buyerId":"nope"}')).status).toBe(400);
    expect((await post({ [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN }, '{"sellerId":"0123456789abcdef01234567"}')).status).toBe(400);
    expect((await post({ [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN }, 'not json')).status).toBe(400);
  });
});
