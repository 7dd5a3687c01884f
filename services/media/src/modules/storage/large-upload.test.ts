import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaHarness, type MediaHarness, type TestMember } from '../../../test/harness.js';

/**
 * A 1 GiB delivery through the local store: the PUT streams to disk and completeUpload hashes it in
 * one streaming pass, so the service's memory stays flat. Measured: this process's resident set size
 * (the service runs here; the client sends from a process of its own), sampled during the upload and
 * the checks, against what it was before.
 */

const GIB = 1024 ** 3;
const CHUNK = 1024 * 1024;

let h: MediaHarness;
let ana: TestMember;

beforeAll(async () => {
  h = await startMediaHarness();
  ana = await h.member();
});
afterAll(() => h.stop());

/**
 * The client, in a process of its own (so that only the service is measured here): 1 GiB of a
 * repeated 1 MiB pattern, written as the connection takes it. Resolves with the answer's status.
 */
function putFromAnotherProcess(url: string): Promise<number> {
  const script = `
    const http = require('node:http');
    const chunk = Buffer.alloc(${CHUNK}, 'gigmart ');
    const req = http.request(process.argv[1], { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': ${GIB} } }, (res) => {
      res.resume();
      res.on('end', () => { process.stdout.write(String(res.statusCode)); });
    });
    let sent = 0;
    const more = () => {
      while (sent < ${GIB}) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', more);
      }
      req.end();
    };
    more();`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, url], { maxBuffer: 1024 }, (error, stdout) => {
      if (error) reject(new Error(`the uploading process failed: ${error.message}`));
      else resolve(Number(stdout));
    });
  });
}

describe('a 1 GiB upload to the local store', () => {
  it('is received and checked with the memory staying flat', async () => {
    const expected = createHash('sha256');
    const chunk = Buffer.alloc(CHUNK, 'gigmart ');
    for (let i = 0; i < GIB / CHUNK; i += 1) expected.update(chunk);
    const created = await h.createUpload(ana, {
      purpose: 'DELIVERY',
      name: 'big.bin',
      contentType: 'application/octet-stream',
      sizeBytes: GIB,
    });
    expect(created.userErrors).toEqual([]);

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      expect(await putFromAnotherProcess(created.target!.url)).toBe(200);
      const { file } = await h.completeUpload(ana, created.file!.id);
      expect(file).toMatchObject({ status: 'READY', sizeBytes: GIB, sha256: expected.digest('hex') });
    } finally {
      clearInterval(sampler);
    }
    // A gigabyte went through; the process grew by a small fraction of it.
    expect(peak - before).toBeLessThan(128 * 1024 * 1024);
  }, 300_000);
});
