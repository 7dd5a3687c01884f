import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newId, SERVICE_TOKEN_HEADER, type Role } from '@gigmart/shared';
import {
  createTestTokenIssuer,
  graphqlClient,
  startFakeMemberDirectory,
  TEST_SERVICE_TOKEN,
  TestClock,
  testServiceOptions,
  type FakeService,
  type Gql,
} from '@gigmart/shared/testing';
import sharp from 'sharp';
import { startMediaService, type MediaServiceOptions, type StartedMediaService } from '../src/app.js';

/**
 * The media service alone, over real HTTP on the run's real database, with its files in a fresh
 * temporary folder (or the S3 store given in `overrides.s3Url`). The users service is stood in for by
 * a fake of its internal members route answering for the members `member()` made; tokens come from
 * a test key pair.
 */

export const HARNESS_START = '2026-06-01T10:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TestMember {
  id: string;
  token: string;
}

export interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}

export interface FileView {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string | null;
  purpose: string;
  status: string;
  rejectionReason: string | null;
  uploadedBy: { id: string } | null;
  url: string | null;
  renditions: Array<{ width: number; height: number; url: string }>;
}

export interface TargetView {
  url: string;
  method: string;
  headers: Array<{ name: string; value: string }>;
  expiresAt: string;
}

export const FILE_FIELDS =
  'id name contentType sizeBytes sha256 purpose status rejectionReason uploadedBy { id } url renditions { width height url }';
export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) {
  file { ${FILE_FIELDS} } target { url method headers { name value } expiresAt } userErrors { field message code } } }`;
export const COMPLETE_UPLOAD = `mutation ($input: FileIdInput!) { completeUpload(input: $input) { file { ${FILE_FIELDS} } userErrors { field message code } } }`;
export const DELETE_FILE = `mutation ($input: FileIdInput!) { deleteFile(input: $input) { deletedFileId userErrors { field message code } } }`;
export const FILE = `query ($id: ID!) { file(id: $id) { ${FILE_FIELDS} } }`;

export interface Declared {
  purpose: string;
  name: string;
  contentType: string;
  sizeBytes: number;
}

export interface MediaHarness {
  url: string;
  service: StartedMediaService;
  gql: Gql;
  clock: TestClock;
  users: FakeService;
  /** The local store's folder (DATA_DIR). */
  dataDir: string;
  member(options?: { admin?: boolean }): Promise<TestMember>;
  /** createUpload as it came back. */
  createUpload(
    member: TestMember,
    declared: Declared,
  ): Promise<{ file: FileView | null; target: TargetView | null; userErrors: UserErrorView[] }>;
  /** The PUT of the bytes to a target, with its headers (Content-Length from `headers` unless overridden). */
  put(target: TargetView, body: Uint8Array, headers?: Record<string, string>): Promise<Response>;
  completeUpload(member: TestMember, fileId: string): Promise<{ file: FileView | null; userErrors: UserErrorView[]; errors?: unknown }>;
  /** createUpload, PUT, completeUpload: the file as completeUpload returned it. */
  upload(member: TestMember, declared: Omit<Declared, 'sizeBytes'> & { sizeBytes?: number }, body: Uint8Array): Promise<FileView>;
  file(member: TestMember | null, id: string): Promise<FileView | null>;
  /** POSTs to one of the service's internal routes with the service credential. */
  internal(route: string, body: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export async function startMediaHarness(overrides: Partial<MediaServiceOptions> = {}): Promise<MediaHarness> {
  const issuer = await createTestTokenIssuer();
  const clock = new TestClock(HARNESS_START);
  const users = await startFakeMemberDirectory({ serviceToken: TEST_SERVICE_TOKEN });
  const { members } = users;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-media-'));
  const options = testServiceOptions('media', { verifyAccessToken: issuer.verify, clock: clock.now });
  const service = await startMediaService({
    ...options,
    urls: { ...options.urls, users: users.url },
    dataDir,
    cleanupIntervalMs: 0,
    ...overrides,
  });
  const gql = graphqlClient(`${service.url}/graphql`);
  const harness: MediaHarness = {
    url: service.url,
    service,
    gql,
    clock,
    users,
    dataDir,
    async member(memberOptions = {}) {
      const id = newId().toHexString();
      const roles: Role[] = memberOptions.admin ? ['BUYER', 'ADMIN'] : ['BUYER'];
      members.set(id, { id, username: `m_${id.slice(-8)}`, roles, isSeller: false, sellerSince: null });
      return { id, token: await issuer.issue(id, roles) };
    },
    async createUpload(member, declared) {
      const res = await gql<{ createUpload: { file: FileView | null; target: TargetView | null; userErrors: UserErrorView[] } }>(
        CREATE_UPLOAD,
        { input: declared },
        { token: member.token },
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.createUpload;
    },
    put(target, body, headers = {}) {
      const sent = Object.fromEntries(target.headers.filter((h) => h.name !== 'Content-Length').map((h) => [h.name, h.value]));
      return fetch(target.url, { method: target.method, headers: { ...sent, ...headers }, body });
    },
    async completeUpload(member, fileId) {
      const res = await gql<{ completeUpload: { file: FileView | null; userErrors: UserErrorView[] } }>(
        COMPLETE_UPLOAD,
        { input: { fileId } },
        { token: member.token },
      );
      if (res.errors) return { file: null, userErrors: [], errors: res.errors };
      return res.data!.completeUpload;
    },
    async upload(member, declared, body) {
      const created = await harness.createUpload(member, { sizeBytes: body.length, ...declared });
      if (!created.file || !created.target) throw new Error(JSON.stringify(created.userErrors));
      const put = await harness.put(created.target, body);
      if (!put.ok) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
      const completed = await harness.completeUpload(member, created.file.id);
      if (!completed.file) throw new Error(JSON.stringify(completed));
      return completed.file;
    },
    async file(member, id) {
      const res = await gql<{ file: FileView | null }>(FILE, { id }, member ? { token: member.token } : {});
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.file;
    },
    async internal(route, body) {
      const res = await fetch(`${service.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async stop() {
      await service.stop();
      await users.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A PNG of `width`x`height`, one colour. */
export function png(width: number, height: number, colour = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** A JPEG with EXIF metadata (a camera's make and a GPS-like comment). */
export function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Copyright: 'home address 1 Main St' } })
    .toBuffer();
}

/** The first bytes of a Windows program (MZ header with a PE signature), padded to `size`. */
export function windowsProgram(size = 2048): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('MZ');
  bytes.writeUInt32LE(128, 0x3c);
  bytes.write('PE\0\0', 128);
  return bytes;
}
