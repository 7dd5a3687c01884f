import { failWith, isDuplicateKey, userError, userErrorsFromZod, UserErrorsException, type UserError } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { UsersContext } from '../../context.js';
import type { ChangePasswordInput, LogInInput, SignUpInput } from '../../generated/resolvers.js';
import { normalizeUsername, signedInMember, type UserDoc } from '../profiles/index.js';
import { endOtherSessions, openSession, type SignedIn } from '../sessions/index.js';
import { hashPassword, needsRehash, verifyPassword, type PasswordHash } from './passwords.js';
import { changePasswordInput, normalizeEmail, parseLogin, signUpInput } from './rules.js';
import { releaseAttempt, reserveAttempt, signUpThrottleKeys, throttleKeys } from './throttle.js';

/* Sign-up, log-in and password changes. Nothing here ever logs or returns a password or its hash. */

const NO_MEMBER = new Types.ObjectId('000000000000000000000000');
const INVALID_CREDENTIALS_MESSAGE = 'The login or the password is wrong.';
const EMAIL_TAKEN = 'This email is already registered.';
const USERNAME_TAKEN = 'This username is taken.';

/**
 * A new member with a session; every broken rule is reported at once, names already taken among
 * them. Every attempt first takes a place in its address's sign-up allowance (kept whatever the
 * outcome): TAKEN must be said, and the limit keeps asking it slow.
 */
export async function signUp(ctx: UsersContext, input: SignUpInput): Promise<SignedIn> {
  const attempt = await reserveAttempt(ctx, signUpThrottleKeys(ctx.signUpThrottle, ctx.clientAddress), ctx.signUpThrottle.windowMs);
  if ('retryAfterSeconds' in attempt) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    failWith(null, `Too many sign-ups from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'RATE_LIMITED');
  }
  const parsed = signUpInput.safeParse(input);
  const broken: UserError[] = parsed.success ? [] : userErrorsFromZod(parsed.error);
  // Taken names are reported with the other broken rules; the unique indexes still decide races.
  const names = { email: normalizeEmail(input.email), username: normalizeUsername(input.username) };
  const taken = await takenErrors(ctx, names, broken);
  if (!parsed.success || taken.length) throw new UserErrorsException([...broken, ...taken]);
  const value = parsed.data;

  const hash = await hashPassword(value.password, ctx.scrypt);
  let user: UserDoc;
  try {
    const created = await ctx.models.User.create({
      email: value.email,
      username: value.username,
      displayName: value.displayName,
      roles: ['BUYER'],
    });
    user = created.toObject() as UserDoc;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // A simultaneous sign-up won; FerretDB does not say which index, so look.
    const race = await takenErrors(ctx, value, []);
    throw new UserErrorsException(race.length ? race : [userError(['input', 'email'], EMAIL_TAKEN, 'TAKEN')]);
  }
  try {
    await ctx.models.Credential.create({ _id: user._id, ...hash });
  } catch (error) {
    // Without a password the account could never be used, and its names would stay taken.
    await ctx.models.User.deleteOne({ _id: user._id }).exec();
    throw error;
  }
  return openSession(ctx, user);
}

/** TAKEN for the email and the username, each unless that field is already at fault. */
async function takenErrors(
  ctx: UsersContext,
  names: { email: string; username: string },
  known: readonly UserError[],
): Promise<UserError[]> {
  const checkEmail = !known.some((e) => e.field?.[1] === 'email');
  const checkUsername = !known.some((e) => e.field?.[1] === 'username');
  const or = [...(checkEmail ? [{ email: names.email }] : []), ...(checkUsername ? [{ username: names.username }] : [])];
  if (!or.length) return [];
  const found = await ctx.models.User.find({ $or: or }, { email: 1, username: 1 }).lean().exec();
  const errors: UserError[] = [];
  if (checkEmail && found.some((u) => u.email === names.email)) errors.push(userError(['input', 'email'], EMAIL_TAKEN, 'TAKEN'));
  if (checkUsername && found.some((u) => u.username === names.username))
    errors.push(userError(['input', 'username'], USERNAME_TAKEN, 'TAKEN'));
  return errors;
}

/**
 * Unknown login and wrong password are the same answer after the same work (a scrypt run), and
 * both are throttled alike, so neither the message, the time nor the throttling reveals accounts.
 * The attempt takes its place in the throttle before the password is checked (count, then verify):
 * simultaneous guesses get no more checks than one after another.
 */
export async function logIn(ctx: UsersContext, input: LogInInput): Promise<SignedIn> {
  const login = parseLogin(input.login);
  const user = await ctx.models.User.findOne(login).lean<UserDoc>().exec();
  const account = user ? { userId: String(user._id) } : { login: 'email' in login ? login.email : login.username };
  const attempt = await reserveAttempt(ctx, throttleKeys(ctx.throttle, account, ctx.clientAddress), ctx.throttle.windowMs);
  if ('retryAfterSeconds' in attempt) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    failWith(null, `Too many failed log-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'RATE_LIMITED');
  }
  // The same query whether or not the account exists (an id no member has), for the same timing.
  const credential = await ctx.models.Credential.findById(user?._id ?? NO_MEMBER)
    .lean<PasswordHash>()
    .exec();
  const ok = credential ? await verifyPassword(input.password, credential) : await ctx.dummyPassword.run(input.password);
  // A failure keeps its place in the throttle; a success gives it back.
  if (!user || !credential || !ok) failWith(null, INVALID_CREDENTIALS_MESSAGE, 'INVALID_CREDENTIALS');
  await releaseAttempt(ctx, attempt.reservation);
  if (needsRehash(credential, ctx.scrypt)) await setPassword(ctx, user._id, input.password);
  return openSession(ctx, user);
}

/** Checks the current password, sets the new one and ends every other session of the member. */
export async function changePassword(ctx: UsersContext, input: ChangePasswordInput): Promise<UserDoc> {
  const user = await signedInMember(ctx);
  const parsed = changePasswordInput(user).safeParse(input);
  const errors: UserError[] = parsed.success ? [] : userErrorsFromZod(parsed.error);
  // A stolen access token must not become a way to guess the password: the log-in throttle, taken
  // before the check like a log-in.
  const attempt = await reserveAttempt(
    ctx,
    throttleKeys(ctx.throttle, { userId: String(user._id) }, ctx.clientAddress),
    ctx.throttle.windowMs,
  );
  if ('retryAfterSeconds' in attempt) failWith(null, 'Too many wrong passwords. Try again later.', 'RATE_LIMITED');
  const credential = await ctx.models.Credential.findById(user._id).lean<PasswordHash>().exec();
  if (credential && (await verifyPassword(input.currentPassword, credential))) {
    await releaseAttempt(ctx, attempt.reservation);
  } else {
    errors.unshift(userError(['input', 'currentPassword'], 'The current password is wrong.', 'INVALID_CREDENTIALS'));
  }
  if (errors.length) throw new UserErrorsException(errors);
  await setPassword(ctx, user._id, input.newPassword);
  await endOtherSessions(ctx, { userId: user._id, keepFamilyId: ctx.sessionId, reason: 'password-change' });
  return user;
}

/** Replaces a member's password hash; never makes one (a member who went meanwhile gets no orphan credential). */
async function setPassword(ctx: UsersContext, userId: Types.ObjectId, password: string): Promise<void> {
  const hash = await hashPassword(password, ctx.scrypt);
  await ctx.models.Credential.updateOne({ _id: userId }, { $set: hash }).exec();
}
