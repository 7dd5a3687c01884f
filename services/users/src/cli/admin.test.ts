import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testMongoUri } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMember, startTestUsers, type TestUsers } from '../../test/harness.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', '--conditions=development', 'src/cli/admin.ts', ...args], {
      cwd: packageDir,
      env: { ...process.env, MONGO_URL: testMongoUri(), LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the admin command', () => {
  let users: TestUsers;
  // The command works on the database named "users", as the service does in production; this run's
  // database server is private to the run, so the test may use that name.
  beforeAll(async () => {
    users = await startTestUsers({ dbName: 'users' });
  });
  afterAll(() => users?.stop());

  it('grants and revokes ADMIN by username and says what it did', async () => {
    const member = await signUpMember(users);
    const granted = await admin('grant', member.username.toUpperCase());
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain(`${member.username} (${member.id}) is now an admin; roles: BUYER, ADMIN.`);
    expect((await users.service.models.User.findById(member.id).lean())!.roles).toEqual(['BUYER', 'ADMIN']);
    expect((await admin('list')).stdout).toContain(`${member.username} <${member.email}>`);

    const revoked = await admin('revoke', member.username);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('is no longer an admin');
    expect((await users.service.models.User.findById(member.id).lean())!.roles).toEqual(['BUYER']);
  }, 60_000);

  it("moves a seller's start date back, and refuses non-sellers and future dates", async () => {
    const member = await signUpMember(users);
    expect((await admin('seller-since', member.username, '2026-01-15')).code).toBe(1);

    const becameSeller = await users.gql<{ becomeSeller: { userErrors: unknown[] } }>(
      'mutation { becomeSeller(input: { headline: "I write clean code", skills: ["typescript"], languages: [{ code: "en", level: FLUENT }] }) { userErrors { code } } }',
      {},
      { token: member.session.accessToken },
    );
    expect(becameSeller.errors, JSON.stringify(becameSeller.errors)).toBeUndefined();
    expect(becameSeller.data?.becomeSeller.userErrors).toEqual([]);
    const moved = await admin('seller-since', member.username, '2026-01-15');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('has been a seller since 2026-01-15T00:00:00.000Z');
    const stored = await users.service.models.User.findById(member.id).lean();
    expect(stored!.sellerProfile!.sellerSince.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect((await admin('seller-since', member.username, '2999-01-01')).code).toBe(2);
  }, 60_000);

  it('fails clearly for an unknown member or a bad command', async () => {
    const unknown = await admin('grant', 'no_such_member');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No member with the username "no_such_member"');
    const bad = await admin('promote');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage:');
  }, 60_000);
});
