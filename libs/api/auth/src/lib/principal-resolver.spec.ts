import { SESSION_COOKIE } from '@orca/shared/contracts';
import { readCredential } from './principal-resolver';

describe('readCredential', () => {
  it('reads a bearer token before the session cookie', () => {
    expect(
      readCredential({
        authorization: 'Bearer orca_pat_abc',
        cookie: `${SESSION_COOKIE}=s3cret`,
      }),
    ).toEqual({ via: 'token', secret: 'orca_pat_abc' });
  });

  it('takes a socket’s auth.token first, as browsers cannot set headers on WebSockets', () => {
    expect(
      readCredential({ authorization: 'Bearer other' }, 'orca_pat_socket'),
    ).toEqual({ via: 'token', secret: 'orca_pat_socket' });
  });

  it('treats an Authorization header that is not a bearer token as a token that cannot be valid', () => {
    expect(
      readCredential({
        authorization: 'Basic dXNlcjpwYXNz',
        cookie: `${SESSION_COOKIE}=s3cret`,
      }),
    ).toEqual({ via: 'token', secret: '' });
  });

  it('reads the session cookie among others, decoded', () => {
    expect(
      readCredential({
        cookie: `theme=dark; ${SESSION_COOKIE}=a%2Bb%3D; XSRF-TOKEN=x`,
      }),
    ).toEqual({ via: 'session', secret: 'a+b=' });
  });

  it('finds nothing when there is neither', () => {
    expect(readCredential({})).toBeNull();
    expect(readCredential({ cookie: 'theme=dark' })).toBeNull();
    expect(readCredential({ authorization: '' }, '')).toBeNull();
  });
});
