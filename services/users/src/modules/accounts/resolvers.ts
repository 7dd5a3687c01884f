import { requireViewer, withUserErrors, withUserErrorsPayload } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { changePassword, logIn, signUp } from './service.js';

export const accountsResolvers: Resolvers = {
  Mutation: {
    signUp: (_parent, { input }, ctx) => withUserErrorsPayload({ session: null, user: null }, () => signUp(ctx, input)),
    logIn: (_parent, { input }, ctx) => withUserErrorsPayload({ session: null, user: null }, () => logIn(ctx, input)),
    changePassword: (_parent, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrors('user', () => changePassword(ctx, input));
    },
  },
};
