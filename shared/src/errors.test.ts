import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, maskError } from './errors.js';

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
});
