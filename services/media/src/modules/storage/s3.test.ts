import { createHash } from 'node:crypto';
import { MEDIA_ATTACH_ROUTE } from '@gigmart/shared';
import { until } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png, startMediaHarness, windowsProgram, type MediaHarness, type TestMember } from '../../../test/harness.js';
import { startS3TestServer, type S3TestServer } from '../../../test/s3-server.js';

/** The same upload flow with the bytes in a real S3-compatible server (versitygw), never through this service. */

let s3: S3TestServer;
let h: MediaHarness;
let ana: TestMember;
let ben: TestMember;
let cleo: TestMember;

beforeAll(async () => {
  s3 = await startS3TestServer();
  h = await startMediaHarness({ s3Url: s3.s3Url('gigmart-media-test') });
  [ana, ben, cleo] = await Promise.all([h.member(), h.member(), h.member()]);
}, 600_000);
afterAll(async () => {
  await h?.stop();
  await s3?.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the S3 store', () => {
  it('takes the bytes on a presigned PUT straight to the store, then checks them and makes renditions there', async () => {
    const bytes = await png(1300, 900);
    const created = await h.createUpload(ana, {
      purpose: 'GIG_IMAGE',
      name: 'cover.png',
      contentType: 'image/png',
      sizeBytes: bytes.length,
    });
    expect(created.target!.url.startsWith(s3.endpoint)).toBe(true);
    expect((await h.put(created.target!, bytes)).status).toBe(200);
    const { file } = await h.completeUpload(ana, created.file!.id);
    expect(file).toMatchObject({ status: 'READY', sha256: sha256(bytes), contentType: 'image/png' });
    expect(file!.renditions.map((r) => r.width)).toEqual([400, 1200]);
    // The permanent public link redirects to a short presigned link of the store.
    const original = await fetch(file!.url!);
    expect(original.status).toBe(200);
    expect(original.url.startsWith(s3.endpoint)).toBe(true);
    expect(sha256(new Uint8Array(await original.arrayBuffer()))).toBe(sha256(bytes));
    const rendition = await fetch(file!.renditions[1]!.url);
    expect(rendition.headers.get('content-type')).toBe('image/webp');
  });

  it('refuses a body of another size or type than the signature covers', async () => {
    const bytes = Buffer.from('final delivery notes');
    const created = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: 'notes.txt',
      contentType: 'text/plain',
      sizeBytes: bytes.length,
    });
    expect((await h.put(created.target!, Buffer.concat([bytes, Buffer.from('!')]))).status).toBe(403);
    expect((await h.put(created.target!, bytes, { 'Content-Type': 'text/html' })).status).toBe(403);
    const tampered = {
      ...created.target!,
      url: created.target!.url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`),
    };
    expect((await h.put(tampered, bytes)).status).toBe(403);
    expect((await h.completeUpload(ana, created.file!.id)).file).toMatchObject({ status: 'REJECTED' });
  });

  it('rejects a program named .png', async () => {
    const file = await h.upload(ana, { purpose: 'AVATAR', name: 'me.png', contentType: 'image/png' }, windowsProgram());
    expect(file.status).toBe('REJECTED');
  });

  it('gives a delivery file’s presigned link to the buyer once attached, and nothing to a third member', async () => {
    const bytes = Buffer.from('%PDF-1.4\nfinal\n');
    const file = await h.upload(ana, { purpose: 'DELIVERY', name: 'final.pdf', contentType: 'application/pdf' }, bytes);
    expect(file.status).toBe('READY');
    const attached = await h.internal(MEDIA_ATTACH_ROUTE, {
      fileIds: [file.id],
      uploaderId: ana.id,
      purpose: 'DELIVERY',
      attachment: `delivery:${'e'.repeat(24)}:0`,
      readers: [ben.id],
    });
    expect(attached.body).toMatchObject({ ok: true });
    const forBen = await h.file(ben, file.id);
    expect(forBen!.url!.startsWith(s3.endpoint)).toBe(true);
    const download = await fetch(forBen!.url!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-disposition')).toContain('final.pdf');
    expect(await h.file(cleo, file.id)).toBeNull();
    // A link of this file does not open another one.
    const other = await h.upload(
      ana,
      { purpose: 'DELIVERY', name: 'other.pdf', contentType: 'application/pdf' },
      Buffer.from('%PDF-1.4\nother\n'),
    );
    expect((await fetch(forBen!.url!.replace(file.id, other.id))).status).toBe(403);
  });

  it('when the store is down: a clear error, the file stays PENDING and nothing becomes READY; it completes once the store is back', async () => {
    const bytes = await png(600, 400);
    const created = await h.createUpload(ana, {
      purpose: 'GIG_IMAGE',
      name: 'later.png',
      contentType: 'image/png',
      sizeBytes: bytes.length,
    });
    await s3.stop();
    try {
      await expect(h.put(created.target!, bytes)).rejects.toThrow();
      const completed = await h.completeUpload(ana, created.file!.id);
      expect(completed.errors).toMatchObject([
        { message: expect.stringContaining('file store cannot be reached'), extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ]);
      expect((await h.file(ana, created.file!.id))?.status).toBe('PENDING');
    } finally {
      await s3.start();
    }
    // Back when the media service's readiness check (a signed request to the bucket) passes again.
    await until(async () => (await fetch(`${h.url}/ready`)).ok, 'the store to be back');
    const put = await h.put(created.target!, bytes);
    expect([put.status, put.status === 200 ? '' : await put.text()]).toEqual([200, '']);
    expect((await h.completeUpload(ana, created.file!.id)).file?.status).toBe('READY');
  });
});
