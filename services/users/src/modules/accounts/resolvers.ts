import { requireViewer, withUserErrors, withUserErrorsPayload } from '@gigmart/shared';
import type { UsersContext } from '../../context.js';
import type { SignUpFields } from './service.js';
import { changePassword, logIn, signUp } from './service.js';

export const accountResolvers = {
  Mutation: {
    signUp: (_: unknown, args: { input: SignUpFields }, ctx: UsersContext) =>
      withUserErrorsPayload({ session: null, user: null }, () => signUp(ctx, args.input)),
    logIn: (_: unknown, args: { input: { login: string; password: string } }, ctx: UsersContext) =>
      withUserErrorsPayload({ session: null, user: null }, () => logIn(ctx, args.input)),
    changePassword: (_: unknown, args: { input: { currentPassword: string; newPassword: string } }, ctx: UsersContext) => {
      requireViewer(ctx);
      return withUserErrors('user', () => changePassword(ctx, args.input));
    },
  },
};
