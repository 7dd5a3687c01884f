import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { MEDIA_ATTACH_ROUTE, MEDIA_DETACH_ROUTE } from '@gigmart/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  jpegWithExif,
  MINUTE,
  png,
  startMediaHarness,
  windowsProgram,
  type MediaHarness,
  type TestMember,
} from '../../../test/harness.js';

let h: MediaHarness;
let ana: TestMember;
let ben: TestMember;
let cleo: TestMember;

beforeAll(async () => {
  h = await startMediaHarness();
  [ana, ben, cleo] = await Promise.all([h.member(), h.member(), h.member()]);
});
afterAll(() => h.stop());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a gig image, uploaded in three steps', () => {
  it('becomes READY with its SHA-256, the real type, and WebP renditions 400 and 1200 wide, all without EXIF', async () => {
    const bytes = await jpegWithExif(1600, 1000);
    const created = await h.createUpload(ana, {
      purpose: 'GIG_IMAGE',
      name: 'cover.jpg',
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
    });
    expect(created.userErrors).toEqual([]);
    expect(created.file).toMatchObject({ status: 'PENDING', url: null, sha256: null, renditions: [], uploadedBy: { id: ana.id } });
    expect(created.target!.method).toBe('PUT');
    expect(created.target!.headers).toEqual([
      { name: 'Content-Type', value: 'image/jpeg' },
      { name: 'Content-Length', value: String(bytes.length) },
    ]);
    expect(new Date(created.target!.expiresAt).getTime() - h.clock.now().getTime()).toBe(15 * MINUTE);
    expect((await h.put(created.target!, bytes)).status).toBe(200);
    const { file } = await h.completeUpload(ana, created.file!.id);
    expect(file).toMatchObject({ status: 'READY', contentType: 'image/jpeg' });
    expect(file!.renditions.map((r) => [r.width, r.height])).toEqual([
      [400, 250],
      [1200, 750],
    ]);
    // Public: anyone reads it, even signed out, and the permanent links serve the bytes.
    const seen = await h.file(null, file!.id);
    expect(seen?.url).toBe(file!.url);
    const original = await fetch(file!.url!);
    expect(original.status).toBe(200);
    expect(original.headers.get('cache-control')).toContain('public');
    // The original is public too: it is stored without the EXIF (camera, owner), as a JPEG of the
    // same size, and the SHA-256 and size describe the bytes served.
    const served = Buffer.from(await original.arrayBuffer());
    expect(file).toMatchObject({ sha256: sha256(served), sizeBytes: served.length });
    expect(served.includes('SecretCam')).toBe(false);
    expect(served.includes('home address')).toBe(false);
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1600, height: 1000 });
    expect(metadata.exif).toBeUndefined();
    expect(sha256(served)).not.toBe(sha256(bytes));
    const rendition = await fetch(file!.renditions[0]!.url);
    expect(rendition.headers.get('content-type')).toBe('image/webp');
    const small = await sharp(Buffer.from(await rendition.arrayBuffer())).metadata();
    expect(small).toMatchObject({ format: 'webp', width: 400 });
    expect(small.exif).toBeUndefined();
  });

  it('turns a photo whose EXIF says "rotated" upright when it drops the EXIF, and keeps its colour profile', async () => {
    // Stored 1000x1600 sideways, with orientation 6 (turn 90° clockwise to view), a GPS position and a Display P3 profile.
    const bytes = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#2255aa' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withIccProfile('p3')
      .withExif({ IFD0: { Make: 'SecretCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } })
      .toBuffer();
    const sent = await sharp(bytes).metadata();
    expect(sent).toMatchObject({ orientation: 6, width: 1600, height: 1000 });
    expect([Boolean(sent.exif), Boolean(sent.icc)]).toEqual([true, true]);
    const file = await h.upload(ana, { purpose: 'AVATAR', name: 'me.jpg', contentType: 'image/jpeg' }, bytes);
    expect(file.status).toBe('READY');
    const served = Buffer.from(await (await fetch(file.url!)).arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1000, height: 1600 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.icc).toBeDefined();
    expect(file.renditions.map((r) => [r.width, r.height])).toEqual([
      [400, 640],
      [1000, 1600],
    ]);
  });

  it('keeps an image that carries no personal metadata byte for byte', async () => {
    const bytes = await png(800, 600);
    const metadata = await sharp(bytes).metadata();
    expect([metadata.exif, metadata.xmp, metadata.iptc]).toEqual([undefined, undefined, undefined]);
    const file = await h.upload(ana, { purpose: 'GIG_IMAGE', name: 'plain.png', contentType: 'image/png' }, bytes);
    expect(file).toMatchObject({ status: 'READY', sizeBytes: bytes.length });
    const served = new Uint8Array(await (await fetch(file.url!)).arrayBuffer());
    expect(sha256(served)).toBe(sha256(bytes));
  });

  it('finishes a check taken over after a crash that came right after the copy without metadata was stored', async () => {
    const bytes = await jpegWithExif(1600, 1000);
    const done = await h.upload(ana, { purpose: 'GIG_IMAGE', name: 'crash.jpg', contentType: 'image/jpeg' }, bytes);
    expect(done.sizeBytes).not.toBe(bytes.length);
    // What a process that died just after storing the copy leaves: the copy under the original's
    // key, and the file PROCESSING with the copy recorded but its own fields still the upload's.
    await h.service.models.File.updateOne(
      { _id: done.id },
      { $set: { status: 'PROCESSING', processingAt: h.clock.now(), sizeBytes: bytes.length, sha256: null, readyAt: null } },
    ).exec();
    expect((await h.completeUpload(ana, done.id)).file?.status).toBe('PROCESSING');
    h.clock.advance(3 * MINUTE);
    const { file } = await h.completeUpload(ana, done.id);
    expect(file).toMatchObject({ status: 'READY', sha256: done.sha256, sizeBytes: done.sizeBytes, rejectionReason: null });
    const served = Buffer.from(await (await fetch(file!.url!)).arrayBuffer());
    expect(sha256(served)).toBe(done.sha256);
  });

  it('finishes a check taken over after a crash between recording the copy and storing it', async () => {
    const bytes = await jpegWithExif(1600, 1000);
    const created = await h.createUpload(ana, {
      purpose: 'GIG_IMAGE',
      name: 'early.jpg',
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
    });
    expect((await h.put(created.target!, bytes)).status).toBe(200);
    const id = created.file!.id;
    await h.service.models.File.updateOne(
      { _id: id },
      {
        $set: {
          status: 'PROCESSING',
          processingAt: h.clock.now(),
          cleaned: { sizeBytes: 1234, sha256: sha256(Buffer.from('a copy never stored')) },
        },
      },
    ).exec();
    h.clock.advance(3 * MINUTE);
    const { file } = await h.completeUpload(ana, id);
    expect(file).toMatchObject({ status: 'READY', rejectionReason: null });
    const served = Buffer.from(await (await fetch(file!.url!)).arrayBuffer());
    expect(served.includes('SecretCam')).toBe(false);
    expect(file).toMatchObject({ sha256: sha256(served), sizeBytes: served.length });
  });

  it('calling completeUpload again returns the file as it is', async () => {
    const file = await h.upload(ana, { purpose: 'AVATAR', name: 'me.png', contentType: 'image/png' }, await png(300, 300));
    expect(file.status).toBe('READY');
    // Never wider than the original: one rendition of 300.
    expect(file.renditions.map((r) => r.width)).toEqual([300]);
    const again = await h.completeUpload(ana, file.id);
    expect(again.file).toEqual(file);
  });
});

describe('bad declarations', () => {
  it('refuses a size over the purpose limit (TOO_LONG), a type it refuses (INVALID), a path in the name, a program', async () => {
    const tooBig = await h.createUpload(ana, {
      purpose: 'GIG_IMAGE',
      name: 'big.png',
      contentType: 'image/png',
      sizeBytes: 10 * 1024 * 1024 + 1,
    });
    expect(tooBig.file).toBeNull();
    expect(tooBig.userErrors).toEqual([{ field: ['input', 'sizeBytes'], message: 'A gig image must be at most 10 MB.', code: 'TOO_LONG' }]);
    const wrongType = await h.createUpload(ana, { purpose: 'AVATAR', name: 'me.gif', contentType: 'image/gif', sizeBytes: 100 });
    expect(wrongType.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'contentType'], 'INVALID']]);
    const withPath = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: '../../etc/passwd',
      contentType: 'text/plain',
      sizeBytes: 100,
    });
    expect(withPath.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'name'], 'INVALID']]);
    const program = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: 'setup.exe',
      contentType: 'application/octet-stream',
      sizeBytes: 100,
    });
    expect(program.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'contentType'], 'INVALID']]);
    const delivery = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: 'huge.zip',
      contentType: 'application/zip',
      sizeBytes: 1024 ** 3 + 1,
    });
    expect(delivery.userErrors.map((e) => e.code)).toEqual(['TOO_LONG']);
  });

  it('asks who is uploading', async () => {
    const res = await h.gql(
      `mutation { createUpload(input: { purpose: AVATAR, name: "a.png", contentType: "image/png", sizeBytes: 10 }) { file { id } } }`,
    );
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('bytes that are not what was declared', () => {
  it('rejects a program named .png and declared image/png', async () => {
    const file = await h.upload(ana, { purpose: 'GIG_IMAGE', name: 'cute-cat.png', contentType: 'image/png' }, windowsProgram());
    expect(file.status).toBe('REJECTED');
    expect(file.rejectionReason).toContain('program');
    expect(file.url).toBeNull();
  });

  it('rejects a program delivered as a PDF', async () => {
    const file = await h.upload(ana, { purpose: 'DELIVERY', name: 'report.pdf', contentType: 'application/pdf' }, windowsProgram());
    expect(file).toMatchObject({ status: 'REJECTED' });
  });

  it('rejects a corrupt image', async () => {
    const whole = await png(800, 600);
    const broken = Buffer.concat([whole.subarray(0, 200), Buffer.alloc(whole.length - 200, 7)]);
    const file = await h.upload(ana, { purpose: 'GIG_IMAGE', name: 'broken.png', contentType: 'image/png' }, broken);
    expect(file.status).toBe('REJECTED');
    expect(file.rejectionReason).toMatch(/could not be decoded/);
  });

  it('rejects a gig image smaller than 400x300', async () => {
    const file = await h.upload(ana, { purpose: 'GIG_IMAGE', name: 'small.png', contentType: 'image/png' }, await png(399, 300));
    expect(file).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'The image is 399x300 pixels; a gig image must be at least 400x300.',
    });
  });

  it('refuses a body larger or smaller than declared (the signature covers Content-Length), and completes as REJECTED', async () => {
    const bytes = Buffer.from('a text delivery, one hundred bytes or so........................................................');
    const created = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: 'notes.txt',
      contentType: 'text/plain',
      sizeBytes: bytes.length,
    });
    const larger = await h.put(created.target!, Buffer.concat([bytes, Buffer.from('more')]));
    expect(larger.status).toBe(403);
    const smaller = await h.put(created.target!, bytes.subarray(1));
    expect(smaller.status).toBe(403);
    // A client that declares the right length but sends fewer bytes and hangs up: nothing is kept.
    const target = new URL(created.target!.url);
    await new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: 'PUT',
          headers: { 'content-type': 'text/plain', 'content-length': bytes.length },
        },
        () => resolve(),
      );
      req.on('error', () => resolve());
      req.write(bytes.subarray(0, 10));
      setTimeout(() => req.destroy(), 100);
    });
    const { file } = await h.completeUpload(ana, created.file!.id);
    expect(file).toMatchObject({ status: 'REJECTED', rejectionReason: expect.stringContaining('No bytes were received') });
  });

  it('keeps the declared type of text, which has no magic bytes', async () => {
    const bytes = Buffer.from('hello,world\n1,2\n');
    const file = await h.upload(ana, { purpose: 'MESSAGE_ATTACHMENT', name: 'data.csv', contentType: 'text/csv' }, bytes);
    expect(file).toMatchObject({ status: 'READY', contentType: 'text/csv', sha256: sha256(bytes), renditions: [] });
  });
});

describe('links', () => {
  it('refuses an expired or tampered upload link, and a link of another file', async () => {
    const bytes = await png(500, 400);
    const declared = { purpose: 'GIG_IMAGE', name: 'a.png', contentType: 'image/png', sizeBytes: bytes.length };
    const one = await h.createUpload(ana, declared);
    const two = await h.createUpload(ana, declared);
    const tampered = { ...one.target!, url: one.target!.url.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 3600}`) };
    expect((await h.put(tampered, bytes)).status).toBe(403);
    const otherFile = { ...one.target!, url: one.target!.url.replace(one.file!.id, two.file!.id) };
    expect((await h.put(otherFile, bytes)).status).toBe(403);
    expect((await h.put(one.target!, bytes, { 'Content-Type': 'image/jpeg' })).status).toBe(403);
    h.clock.advance(16 * MINUTE);
    try {
      expect((await h.put(one.target!, bytes)).status).toBe(403);
    } finally {
      h.clock.advance(-16 * MINUTE);
    }
    expect((await h.put(two.target!, bytes)).status).toBe(200);
    const done = await h.completeUpload(ana, two.file!.id);
    expect(done.file!.status).toBe('READY');
    // The upload link is spent once the file is completed.
    expect((await h.put(two.target!, bytes)).status).toBe(409);
    // A public link with another file's id does not open it.
    const forged = done.file!.url!.replace(two.file!.id, one.file!.id);
    expect((await fetch(forged)).status).toBe(403);
  });
});

describe('who reads a delivery file', () => {
  it('its uploader, then the buyer once attached (a 15-minute link for them alone); a third member never', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% the final logo files\n');
    const file = await h.upload(ana, { purpose: 'DELIVERY', name: 'logo final.pdf', contentType: 'application/pdf' }, bytes);
    expect(file).toMatchObject({ status: 'READY', contentType: 'application/pdf' });
    expect(await h.file(ben, file.id)).toBeNull();
    expect(await h.file(null, file.id)).toBeNull();

    const attached = await h.internal(MEDIA_ATTACH_ROUTE, {
      fileIds: [file.id],
      uploaderId: ana.id,
      purpose: 'DELIVERY',
      attachment: `delivery:${'a'.repeat(24)}:0`,
      readers: [ben.id],
    });
    expect(attached).toMatchObject({ status: 200, body: { ok: true, files: [{ id: file.id, url: null }] } });

    const forBen = await h.file(ben, file.id);
    expect(forBen?.url).toBeTruthy();
    const download = await fetch(forBen!.url!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('logo final.pdf');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await h.file(cleo, file.id)).toBeNull();

    // Ben's link is Ben's: another viewer in it breaks the signature; it lasts 15 minutes.
    expect((await fetch(forBen!.url!.replace(`v=${ben.id}`, `v=${cleo.id}`))).status).toBe(403);
    expect((await fetch(forBen!.url!.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43)))).status).toBe(403);
    h.clock.advance(16 * MINUTE);
    try {
      expect((await fetch(forBen!.url!)).status).toBe(403);
    } finally {
      h.clock.advance(-16 * MINUTE);
    }
    const admin = await h.member({ admin: true });
    expect((await h.file(admin, file.id))?.id).toBe(file.id);
  });
});

describe('attaching', () => {
  it('refuses another member’s file, a file of another purpose, a file attached elsewhere; the same attachment again is fine', async () => {
    const file = await h.upload(
      ana,
      { purpose: 'MESSAGE_ATTACHMENT', name: 'brief.txt', contentType: 'text/plain' },
      Buffer.from('the brief'),
    );
    const attach = (body: Record<string, unknown>) =>
      h.internal(MEDIA_ATTACH_ROUTE, {
        fileIds: [file.id],
        uploaderId: ana.id,
        purpose: 'MESSAGE_ATTACHMENT',
        attachment: `message:${'b'.repeat(24)}`,
        readers: [ana.id, ben.id],
        ...body,
      });
    expect((await attach({ uploaderId: ben.id })).body).toMatchObject({ ok: false, problems: [{ fileId: file.id, reason: 'NOT_FOUND' }] });
    expect((await attach({ purpose: 'DELIVERY' })).body).toMatchObject({ ok: false, problems: [{ reason: 'WRONG_PURPOSE' }] });
    expect((await attach({})).body).toMatchObject({ ok: true });
    expect((await attach({})).body).toMatchObject({ ok: true });
    expect((await attach({ attachment: `message:${'c'.repeat(24)}` })).body).toMatchObject({
      ok: false,
      problems: [{ reason: 'ATTACHED_ELSEWHERE' }],
    });
    expect((await attach({ fileIds: [file.id, file.id] })).body).toMatchObject({ ok: false });
    expect((await h.file(ben, file.id))?.url).toBeTruthy();
    expect(await h.file(cleo, file.id)).toBeNull();
    // Attached, it cannot be deleted by its uploader.
    const del = await h.gql(
      `mutation ($id: ID!) { deleteFile(input: { fileId: $id }) { deletedFileId userErrors { code } } }`,
      { id: file.id },
      { token: ana.token },
    );
    expect(del.data).toEqual({ deleteFile: { deletedFileId: null, userErrors: [{ code: 'INVALID_STATE' }] } });
  });

  it('lets go of every file when one of a batch fails, and refuses a caller without the service credential', async () => {
    const one = await h.upload(ana, { purpose: 'AVATAR', name: 'a.png', contentType: 'image/png' }, await png(200, 200));
    const pending = await h.createUpload(ana, { purpose: 'AVATAR', name: 'b.png', contentType: 'image/png', sizeBytes: 10 });
    const answer = await h.internal(MEDIA_ATTACH_ROUTE, {
      fileIds: [one.id, pending.file!.id],
      uploaderId: ana.id,
      purpose: 'AVATAR',
      attachment: `user:${ana.id}`,
      readers: [],
    });
    expect(answer.body).toMatchObject({ ok: false, problems: [{ fileId: pending.file!.id, reason: 'NOT_READY' }] });
    // Still free: it attaches elsewhere.
    const elsewhere = await h.internal(MEDIA_ATTACH_ROUTE, {
      fileIds: [one.id],
      uploaderId: ana.id,
      purpose: 'AVATAR',
      attachment: `user:${ana.id}`,
      readers: [],
    });
    expect(elsewhere.body).toMatchObject({
      ok: true,
      files: [{ id: one.id, url: expect.stringContaining('/files/'), renditions: [{ width: 200 }] }],
    });
    const detached = await h.internal(MEDIA_DETACH_ROUTE, { attachment: `user:${ana.id}` });
    expect(detached.body).toEqual({ detached: 1 });
    const anonymous = await fetch(`${h.url}${MEDIA_ATTACH_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('limits and cleanup', () => {
  it('allows 20 PENDING uploads per member, even when 25 start at once', async () => {
    const dan = await h.member();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        h.createUpload(dan, { purpose: 'DELIVERY', name: `part-${i}.zip`, contentType: 'application/zip', sizeBytes: 1000 }),
      ),
    );
    expect(results.filter((r) => r.file).length).toBe(20);
    const refused = results.filter((r) => !r.file);
    expect(refused.length).toBe(5);
    expect(refused.every((r) => r.userErrors[0]?.code === 'LIMIT_REACHED')).toBe(true);
    // Deleting one frees a place.
    const first = results.find((r) => r.file)!.file!;
    const del = await h.gql(
      `mutation ($id: ID!) { deleteFile(input: { fileId: $id }) { deletedFileId } }`,
      { id: first.id },
      { token: dan.token },
    );
    expect(del.data).toEqual({ deleteFile: { deletedFileId: first.id } });
    expect(
      (await h.createUpload(dan, { purpose: 'DELIVERY', name: 'one-more.zip', contentType: 'application/zip', sizeBytes: 1000 })).file,
    ).not.toBeNull();
  });

  it('deletes PENDING files after 24 hours and READY files nothing attached, with their bytes; attached files stay', async () => {
    const eve = await h.member();
    const pending = await h.createUpload(eve, { purpose: 'DELIVERY', name: 'x.txt', contentType: 'text/plain', sizeBytes: 3 });
    await h.put(pending.target!, Buffer.from('abc'));
    const unused = await h.upload(eve, { purpose: 'GIG_IMAGE', name: 'unused.png', contentType: 'image/png' }, await png(400, 300));
    const used = await h.upload(eve, { purpose: 'GIG_IMAGE', name: 'used.png', contentType: 'image/png' }, await png(400, 300));
    await h.internal(MEDIA_ATTACH_ROUTE, {
      fileIds: [used.id],
      uploaderId: eve.id,
      purpose: 'GIG_IMAGE',
      attachment: `gig:${'d'.repeat(24)}`,
      readers: [],
    });
    h.clock.advance(DAY + MINUTE);
    await h.service.runCleanup();
    expect(await h.file(eve, pending.file!.id)).toBeNull();
    expect(await h.file(eve, unused.id)).toBeNull();
    expect((await fetch(unused.url!)).status).toBe(404);
    expect(await h.service.store.stat(`${unused.id}/original`)).toBeNull();
    expect(await h.service.store.stat(`${pending.file!.id}/upload`)).toBeNull();
    expect((await h.file(eve, used.id))?.status).toBe('READY');
    expect((await fetch(used.url!)).status).toBe(200);
  });
});

describe('the store failing', () => {
  it('answers a clear error during an upload and keeps nothing half-written; completeUpload leaves the file PENDING', async () => {
    const fay = await h.member();
    const bytes = await png(500, 400);
    const created = await h.createUpload(fay, { purpose: 'GIG_IMAGE', name: 'f.png', contentType: 'image/png', sizeBytes: bytes.length });
    // The store's folder replaced by a plain file: nothing can be written under it.
    const filesDir = path.join(h.dataDir, 'files');
    await rm(filesDir, { recursive: true, force: true });
    await writeFile(filesDir, 'not a folder');
    try {
      const put = await h.put(created.target!, bytes);
      expect(put.status).toBe(503);
      expect(((await put.json()) as { error: string }).error).toMatch(/cannot be written/);
      const completed = await h.completeUpload(fay, created.file!.id);
      expect(completed.errors).toMatchObject([{ extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
      expect((await h.file(fay, created.file!.id))?.status).toBe('PENDING');
    } finally {
      await rm(filesDir, { force: true });
    }
    expect((await h.put(created.target!, bytes)).status).toBe(200);
    expect((await h.completeUpload(fay, created.file!.id)).file?.status).toBe('READY');
  });
});
