import { HttpErrorResponse } from '@angular/common/http';
import { toProblemMessage } from './problem-message';

describe('toProblemMessage', () => {
  it('reads the detail, the code and one message per field from a problem body', () => {
    const error = new HttpErrorResponse({
      status: 422,
      error: {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        detail: 'Some fields need attention.',
        errors: [
          {
            field: 'password',
            message: 'Password must be at least 10 characters long.',
          },
          { field: 'password', message: 'A second opinion on the same field.' },
          { field: 'displayName', message: 'Name is required.' },
        ],
      },
    });

    expect(toProblemMessage(error)).toEqual({
      status: 422,
      code: 'validation_failed',
      message: 'Some fields need attention.',
      fieldErrors: {
        password: 'Password must be at least 10 characters long.',
        displayName: 'Name is required.',
      },
    });
  });

  it('falls back to the title when there is no detail', () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: {
        type: 'about:blank',
        title: 'Email already registered',
        status: 409,
        code: 'email_taken',
      },
    });

    expect(toProblemMessage(error).message).toBe('Email already registered');
  });

  it('says the server could not be reached on a network failure', () => {
    const error = new HttpErrorResponse({
      status: 0,
      error: new ProgressEvent('error'),
    });

    expect(toProblemMessage(error).message).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
  });

  it('asks to wait when rate-limited, even without a problem body', () => {
    const error = new HttpErrorResponse({
      status: 429,
      error: 'Too Many Requests',
    });

    expect(toProblemMessage(error).message).toBe(
      'Too many attempts. Wait a minute and try again.',
    );
  });

  it('uses the caller’s fallback for anything else', () => {
    expect(toProblemMessage(new Error('boom'), 'Could not save.').message).toBe(
      'Could not save.',
    );
  });
});
