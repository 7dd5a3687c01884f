import { Types } from 'mongoose';
import { userError, type UserError } from '@gigmart/shared';
import type { SessionManager, SessionTokens } from '../sessions/service.js';
import type { CredentialModel, UserDoc, UserModel } from './model.js';
import { DEFAULT_SCRYPT_PARAMS, DummyPasswordCheck, hashPassword, needsRehash, verifyPassword, type PasswordHash, type ScryptParams } from './passwords.js';
import { throttleKeys, type LoginThrottle } from './throttle.js';
import { parseLogin, passwordErrors, validateSignUp, type SignUpInput } from './rules.js';

export type AuthResult = { session: SessionTokens; user: UserDoc; userErrors: [] } | { session: null; user: null; userErrors: UserError[] };

const NO_MEMBER = new Types.ObjectId('000000000000000000000000');
const INVALID_CREDENTIALS_MESSAGE = 'The login or the password is wrong.';

function refused(userErrors: UserError[]): AuthResult {
  return { session: null, user: null, userErrors };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

interface Deps {
  users: UserModel;
  credentials: CredentialModel;
  sessions: SessionManager;
  throttle: LoginThrottle;
  scrypt?: ScryptParams;
}

/** Sign-up, log-in and password changes. Nothing here ever logs or returns a password or its hash. */
export class AccountService {
  private readonly scrypt: ScryptParams;
  private readonly dummy: DummyPasswordCheck;

  constructor(private readonly deps: Deps) {
    this.scrypt = deps.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    this.dummy = new DummyPasswordCheck(this.scrypt);
  }

  async signUp(input: SignUpInput): Promise<AuthResult> {
    const { value, errors } = validateSignUp(input);
    // Taken names are reported with the other broken rules; the unique indexes still decide races.
    errors.push(...(await this.takenErrors(value.email, value.username, errors)));
    if (errors.length) return refused(errors);

    const hash = await hashPassword(value.password, this.scrypt);
    let user: UserDoc;
    try {
      const created = await this.deps.users.create({
        email: value.email,
        username: value.username,
        displayName: value.displayName,
        roles: ['BUYER'],
      });
      user = created.toObject() as UserDoc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A simultaneous sign-up won; FerretDB does not say which index, so look.
      const taken = await this.takenErrors(value.email, value.username, []);
      return refused(taken.length ? taken : [userError(['input', 'email'], 'This email is already registered.', 'TAKEN')]);
    }
    try {
      await this.deps.credentials.create({ _id: user._id, ...hash });
    } catch (error) {
      // Without a password the account could never be used, and its names would stay taken.
      await this.deps.users.deleteOne({ _id: user._id }).exec();
      throw error;
    }
    return { session: await this.deps.sessions.open(user), user, userErrors: [] };
  }

  private async takenErrors(email: string, username: string, known: UserError[]): Promise<UserError[]> {
    const checkEmail = !known.some((e) => e.field?.[1] === 'email');
    const checkUsername = !known.some((e) => e.field?.[1] === 'username');
    const or = [...(checkEmail ? [{ email }] : []), ...(checkUsername ? [{ username }] : [])];
    if (!or.length) return [];
    const found = await this.deps.users.find({ $or: or }, { email: 1, username: 1 }).lean().exec();
    const errors: UserError[] = [];
    if (checkEmail && found.some((u) => u.email === email)) {
      errors.push(userError(['input', 'email'], 'This email is already registered.', 'TAKEN'));
    }
    if (checkUsername && found.some((u) => u.username === username)) {
      errors.push(userError(['input', 'username'], 'This username is taken.', 'TAKEN'));
    }
    return errors;
  }

  /**
   * Unknown login and wrong password are the same answer after the same work (a scrypt run), and
   * both are throttled alike, so neither the message, the time nor the throttling reveals accounts.
   */
  async logIn(input: { login: string; password: string }, clientAddress: string): Promise<AuthResult> {
    const login = parseLogin(input.login);
    const user = await this.deps.users.findOne(login).lean<UserDoc>().exec();
    const keys = throttleKeys(this.deps.throttle.policy, user ? { userId: String(user._id) } : { login: Object.values(login)[0]! }, clientAddress);
    const retryAfter = await this.deps.throttle.check(keys);
    if (retryAfter !== null) {
      const minutes = Math.ceil(retryAfter / 60);
      return refused([userError(null, `Too many failed log-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'RATE_LIMITED')]);
    }
    // The same query whether or not the account exists (an id no member has), for the same timing.
    const credential = await this.deps.credentials.findById(user?._id ?? NO_MEMBER).lean<PasswordHash>().exec();
    const ok = credential ? await verifyPassword(input.password, credential) : await this.dummy.run(input.password);
    if (!user || !credential || !ok) {
      await this.deps.throttle.recordFailure(keys);
      return refused([userError(null, INVALID_CREDENTIALS_MESSAGE, 'INVALID_CREDENTIALS')]);
    }
    if (needsRehash(credential, this.scrypt)) await this.setPassword(user, input.password);
    return { session: await this.deps.sessions.open(user), user, userErrors: [] };
  }

  /** Checks the current password, sets the new one and ends every other session of the member. */
  async changePassword(
    user: UserDoc,
    input: { currentPassword: string; newPassword: string },
    currentSessionId: string | null,
    clientAddress: string,
  ): Promise<{ user: UserDoc | null; userErrors: UserError[] }> {
    const errors = passwordErrors(['input', 'newPassword'], input.newPassword);
    // A stolen access token must not become a way to guess the password: same throttle as log-in.
    const keys = throttleKeys(this.deps.throttle.policy, { userId: String(user._id) }, clientAddress);
    const retryAfter = await this.deps.throttle.check(keys);
    if (retryAfter !== null) {
      return { user: null, userErrors: [userError(null, 'Too many wrong passwords. Try again later.', 'RATE_LIMITED')] };
    }
    const credential = await this.deps.credentials.findById(user._id).lean<PasswordHash>().exec();
    if (!credential || !(await verifyPassword(input.currentPassword, credential))) {
      await this.deps.throttle.recordFailure(keys);
      errors.unshift(userError(['input', 'currentPassword'], 'The current password is wrong.', 'INVALID_CREDENTIALS'));
    }
    if (errors.length) return { user: null, userErrors: errors };
    await this.setPassword(user, input.newPassword);
    await this.deps.sessions.endOtherSessions(user._id, currentSessionId);
    return { user, userErrors: [] };
  }

  private async setPassword(user: UserDoc, password: string): Promise<void> {
    const hash = await hashPassword(password, this.scrypt);
    await this.deps.credentials.updateOne({ _id: user._id }, { $set: hash }, { upsert: true }).exec();
  }
}
