import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { INTERNAL_ERROR_MESSAGE, maskError, UNAVAILABLE_MESSAGE } from './errors.js';

describe('maskError', () => {
  it('keeps public errors but drops their stack trace', () => {
    const masked = maskError({
      message: 'You must be signed in to do this.',
      extensions: { code: 'UNAUTHENTICATED', stacktrace: ['at x'] },
    });
    expect(masked).toEqual({ message: 'You must be signed in to do this.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('hides the message of anything unexpected', () => {
    const masked = maskError({
      message: 'E11000 duplicate key error collection: users.users',
      path: ['signUp'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['MongoServerError: ...'] },
    });
    expect(masked).toEqual({ message: INTERNAL_ERROR_MESSAGE, path: ['signUp'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(maskError({ message: 'boom' }).message).toBe(INTERNAL_ERROR_MESSAGE);
  });

  it('says SERVICE_UNAVAILABLE, without the driver words, when the database cannot be reached', () => {
    const driverError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
    const resolverError = new GraphQLError(driverError.message, { originalError: driverError, path: ['gigs'] });
    const masked = maskError(
      { message: driverError.message, path: ['gigs'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      resolverError,
    );
    expect(masked).toEqual({ message: UNAVAILABLE_MESSAGE, path: ['gigs'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
    // Any other driver error stays internal.
    const other = Object.assign(new Error('E11000'), { name: 'MongoServerError' });
    expect(maskError({ message: other.message }, other).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
