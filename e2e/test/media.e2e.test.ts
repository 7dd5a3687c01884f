import { createHash } from 'node:crypto';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLogoGig, signUp, signUpSeller, type Actor } from './actors.js';

/**
 * Files through the gateway, on the real services: a seller uploads a delivery file (createUpload,
 * the PUT to the link, which the gateway passes to the media service, completeUpload), delivers an
 * order with it (orders asks media to check and attach it, granting the buyer read access), and the
 * buyer downloads it; nobody else gets to it.
 */

interface UploadPayload {
  file: { id: string; status: string } | null;
  target: { url: string; method: string; headers: Array<{ name: string; value: string }> } | null;
  userErrors: Array<{ field: string[] | null; code: string }>;
}
interface FileView {
  id: string;
  name: string;
  status: string;
  sha256: string | null;
  url: string | null;
  uploadedBy: { username: string } | null;
}
const FILE_FIELDS = 'id name status sha256 url uploadedBy { username }';

async function upload(actor: Actor, purpose: string, name: string, contentType: string, bytes: Buffer): Promise<FileView> {
  const created = await actor.gql<{ createUpload: UploadPayload }>(
    'mutation ($input: CreateUploadInput!) { createUpload(input: $input) { file { id status } target { url method headers { name value } } userErrors { field code } } }',
    { input: { purpose, name, contentType, sizeBytes: bytes.length } },
  );
  const payload = created.data?.createUpload;
  if (!payload?.file || !payload.target) throw new Error(JSON.stringify(created));
  const headers = Object.fromEntries(payload.target.headers.filter((h) => h.name !== 'Content-Length').map((h) => [h.name, h.value]));
  const put = await fetch(payload.target.url, { method: payload.target.method, headers, body: bytes });
  if (!put.ok) throw new Error(`PUT ${put.status}: ${await put.text()}`);
  const completed = await actor.gql<{ completeUpload: { file: FileView | null } }>(
    `mutation ($id: ID!) { completeUpload(input: { fileId: $id }) { file { ${FILE_FIELDS} } userErrors { field code } } }`,
    { id: payload.file.id },
  );
  return completed.data!.completeUpload.file!;
}

const DELIVER = `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) {
  order { id deliveries { message files { ${FILE_FIELDS} } } } userErrors { field message code } } }`;

describe('a delivery file, uploaded, delivered and downloaded through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let other: Actor;
  let buyer: Actor;
  let stranger: Actor;
  let orderId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    [seller, other, buyer, stranger] = await Promise.all([signUpSeller(stack), signUpSeller(stack), signUp(stack), signUp(stack)]);
    const gigId = await publishLogoGig(seller);
    const placed = await buyer.gql<{ placeOrder: { order: { id: string } | null } }>(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { field message code } } }',
      { input: { gigId, tier: 'BASIC' } },
    );
    orderId = placed.data!.placeOrder.order!.id;
  });
  afterAll(() => stack?.stop());

  it('lets the buyer download the delivered file, with a link through the gateway; a third member gets nothing', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% the final logo, vector and raster\n');
    const file = await upload(seller, 'DELIVERY', 'bakery-logo.pdf', 'application/pdf', bytes);
    expect(file).toMatchObject({
      status: 'READY',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: { username: seller.username },
    });
    expect(file.url!.startsWith(stack.gatewayUrl)).toBe(true);
    // Before the delivery the buyer cannot see it.
    expect((await buyer.gql<{ file: unknown }>('query ($id: ID!) { file(id: $id) { id } }', { id: file.id })).data).toEqual({ file: null });

    const delivered = await seller.gql<{
      deliverOrder: { order: { deliveries: Array<{ files: FileView[] }> } | null; userErrors: unknown[] };
    }>(DELIVER, {
      input: { orderId, message: 'Here are the final files', fileIds: [file.id] },
    });
    expect(delivered.data?.deliverOrder.userErrors).toEqual([]);
    expect(delivered.data!.deliverOrder.order!.deliveries[0]!.files.map((f) => f.id)).toEqual([file.id]);

    const seen = await buyer.gql<{ order: { deliveries: Array<{ files: FileView[] }> } }>(
      `query ($id: ID!) { order(id: $id) { deliveries { files { ${FILE_FIELDS} } } } }`,
      { id: orderId },
    );
    const forBuyer = seen.data!.order.deliveries[0]!.files[0]!;
    expect(forBuyer).toMatchObject({ id: file.id, name: 'bakery-logo.pdf', status: 'READY' });
    const download = await fetch(forBuyer.url!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('bakery-logo.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    expect((await stranger.gql<{ file: unknown }>('query ($id: ID!) { file(id: $id) { id url } }', { id: file.id })).data).toEqual({
      file: null,
    });
    // The buyer's link names the buyer: with the stranger's id in it, it opens nothing.
    expect((await fetch(forBuyer.url!.replace(`v=${buyer.id}`, `v=${stranger.id}`))).status).toBe(403);
  });

  it('refuses delivering the same file twice and another seller’s file, and changes nothing', async () => {
    const mine = await upload(seller, 'DELIVERY', 'v2.txt', 'text/plain', Buffer.from('second version'));
    const theirs = await upload(other, 'DELIVERY', 'theirs.txt', 'text/plain', Buffer.from('not yours'));
    const revise = () =>
      buyer.gql('mutation ($input: RequestRevisionInput!) { requestRevision(input: $input) { userErrors { code } } }', {
        input: { orderId, message: 'A rounder loaf, please' },
      });
    await revise();
    const first = await seller.gql<{ deliverOrder: { userErrors: unknown[] } }>(DELIVER, {
      input: { orderId, message: 'v2', fileIds: [mine.id] },
    });
    expect(first.data?.deliverOrder.userErrors).toEqual([]);
    await revise();
    const twice = await seller.gql<{ deliverOrder: { order: unknown; userErrors: Array<{ field: string[]; code: string }> } }>(DELIVER, {
      input: { orderId, message: 'v2 again', fileIds: [mine.id] },
    });
    expect(twice.data?.deliverOrder).toMatchObject({ order: null, userErrors: [{ field: ['input', 'fileIds', '0'], code: 'TAKEN' }] });
    const stolen = await seller.gql<{ deliverOrder: { order: unknown; userErrors: Array<{ field: string[]; code: string }> } }>(DELIVER, {
      input: { orderId, message: 'not mine', fileIds: [theirs.id] },
    });
    expect(stolen.data?.deliverOrder).toMatchObject({ order: null, userErrors: [{ field: ['input', 'fileIds', '0'], code: 'NOT_FOUND' }] });
    const order = await buyer.gql<{ order: { deliveries: unknown[] } }>('query ($id: ID!) { order(id: $id) { deliveries { id } } }', {
      id: orderId,
    });
    expect(order.data!.order.deliveries).toHaveLength(2);
    expect((await buyer.gql<{ file: unknown }>('query ($id: ID!) { file(id: $id) { id } }', { id: theirs.id })).data).toEqual({
      file: null,
    });
  });
});

describe('a gig gallery through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let other: Actor;

  beforeAll(async () => {
    stack = await startTestStack();
    [seller, other] = await Promise.all([signUpSeller(stack), signUpSeller(stack)]);
  });
  afterAll(() => stack?.stop());

  const GIG = `id images gallery { id url renditions { width url } }`;
  const input = (imageIds: string[]) => ({
    title: 'I will bake a photo-ready cake for your shop window',
    description:
      'A cake designed for your shop window: photographed in good light, styled for your brand, and delivered with a short care note so it keeps looking good all week long for every passer-by.',
    categorySlug: 'logo-design',
    tags: ['cake'],
    images: ['https://cdn.example.com/extra.png'],
    imageIds,
    packages: [{ tier: 'BASIC', name: 'Starter', description: 'One cake', priceCents: 5_000, deliveryDays: 3, revisions: 1 }],
  });

  it('shows the uploaded images first in Gig.images (their 1200-pixel WebP renditions), served through the gateway', async () => {
    const picture = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const image = await upload(seller, 'GIG_IMAGE', 'cake.png', 'image/png', picture);
    expect(image.status).toBe('READY');
    const created = await seller.gql<{
      createGig: {
        gig: { id: string; images: string[]; gallery: Array<{ id: string; renditions: Array<{ width: number; url: string }> }> } | null;
        userErrors: unknown[];
      };
    }>(`mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { ${GIG} } userErrors { field message code } } }`, {
      input: input([image.id]),
    });
    expect(created.data?.createGig.userErrors).toEqual([]);
    const gig = created.data!.createGig.gig!;
    expect(gig.gallery.map((g) => g.id)).toEqual([image.id]);
    const wide = gig.gallery[0]!.renditions.find((r) => r.width === 1200)!;
    expect(gig.images).toEqual([wide.url, 'https://cdn.example.com/extra.png']);
    const served = await fetch(gig.images[0]!);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1200);

    // The same image cannot go into another gig; another seller cannot use it at all.
    const again = await seller.gql<{ createGig: { userErrors: Array<{ field: string[]; code: string }> } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }`,
      { input: input([image.id]) },
    );
    expect(again.data?.createGig.userErrors).toMatchObject([{ field: ['input', 'imageIds', '0'], code: 'TAKEN' }]);
    const stolen = await other.gql<{ createGig: { userErrors: Array<{ field: string[]; code: string }> } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }`,
      { input: input([image.id]) },
    );
    expect(stolen.data?.createGig.userErrors).toMatchObject([{ field: ['input', 'imageIds', '0'], code: 'NOT_FOUND' }]);

    // An empty list clears the gallery and frees the image.
    const cleared = await seller.gql<{ updateGig: { gig: { images: string[]; gallery: unknown[] } } }>(
      `mutation ($input: UpdateGigInput!) { updateGig(input: $input) { gig { ${GIG} } userErrors { field message code } } }`,
      { input: { id: gig.id, imageIds: [] } },
    );
    expect(cleared.data?.updateGig.gig).toMatchObject({ images: ['https://cdn.example.com/extra.png'], gallery: [] });
    const reused = await seller.gql<{ createGig: { gig: { gallery: Array<{ id: string }> } | null } }>(
      `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { ${GIG} } userErrors { field message code } } }`,
      { input: input([image.id]) },
    );
    expect(reused.data?.createGig.gig?.gallery.map((g) => g.id)).toEqual([image.id]);
  });

  it('sets an uploaded avatar: avatarUrl becomes its 400-pixel rendition; avatarId null removes it', async () => {
    const picture = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#2980b9' } })
      .jpeg()
      .toBuffer();
    const avatar = await upload(other, 'AVATAR', 'me.jpg', 'image/jpeg', picture);
    const PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) {
      user { avatarUrl avatar { id renditions { width url } } } userErrors { field message code } } }`;
    type Profile = {
      updateProfile: {
        user: { avatarUrl: string | null; avatar: { id: string; renditions: Array<{ width: number; url: string }> } | null } | null;
        userErrors: Array<{ field: string[]; code: string }>;
      };
    };
    const both = await other.gql<Profile>(PROFILE, { input: { avatarId: avatar.id, avatarUrl: 'https://cdn.example.com/me.png' } });
    expect(both.data?.updateProfile.userErrors).toMatchObject([{ field: ['input', 'avatarId'], code: 'INVALID' }]);
    const set = await other.gql<Profile>(PROFILE, { input: { avatarId: avatar.id } });
    const user = set.data!.updateProfile.user!;
    expect(user.avatar?.id).toBe(avatar.id);
    expect(user.avatarUrl).toBe(user.avatar!.renditions.find((r) => r.width === 400)!.url);
    expect((await fetch(user.avatarUrl!)).headers.get('content-type')).toBe('image/webp');
    const removed = await other.gql<Profile>(PROFILE, { input: { avatarId: null } });
    expect(removed.data?.updateProfile.user).toEqual({ avatarUrl: null, avatar: null });
  });

  it('sends a message attachment both members can download, and nobody else', async () => {
    const stranger = await signUp(stack);
    const bytes = Buffer.from('name,colour\nbread,brown\n');
    const file = await upload(seller, 'MESSAGE_ATTACHMENT', 'palette.csv', 'text/csv', bytes);
    const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
      message { id body attachments { id name url } } userErrors { field message code } } }`;
    type Sent = {
      sendMessage: {
        message: { id: string; body: string; attachments: Array<{ id: string; url: string | null }> } | null;
        userErrors: unknown[];
      };
    };
    const sent = await seller.gql<Sent>(SEND, { input: { recipientId: other.id, body: '', attachmentIds: [file.id] } });
    expect(sent.data?.sendMessage.userErrors).toEqual([]);
    expect(sent.data!.sendMessage.message!.attachments.map((a) => a.id)).toEqual([file.id]);
    const seen = await other.gql<{ conversationWith: { messages: { edges: Array<{ node: { attachments: Array<{ url: string }> } }> } } }>(
      'query ($id: ID!) { conversationWith(userId: $id) { messages { edges { node { attachments { url } } } } } }',
      { id: seller.id },
    );
    const url = seen.data!.conversationWith.messages.edges[0]!.node.attachments[0]!.url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(bytes)).toBe(true);
    expect((await stranger.gql<{ file: unknown }>('query ($id: ID!) { file(id: $id) { id } }', { id: file.id })).data).toEqual({
      file: null,
    });
    // Sent once, it cannot be sent again in another message.
    const again = await seller.gql<{ sendMessage: { userErrors: Array<{ field: string[]; code: string }> } }>(SEND, {
      input: { recipientId: other.id, body: 'again', attachmentIds: [file.id] },
    });
    expect(again.data?.sendMessage.userErrors).toMatchObject([{ field: ['input', 'attachmentIds', '0'], code: 'TAKEN' }]);
  });
});
