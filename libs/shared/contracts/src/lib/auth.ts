export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  createdAt: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** `PATCH /auth/me`: the fields to change. A new email needs the current password. */
export interface UpdateProfileRequest {
  displayName?: string;
  email?: string;
  currentPassword?: string;
}

/** `POST /auth/password`: every other session of the person is signed out. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `GET /auth/session`: who this browser is signed in as, `null` for a signed-out visitor. */
export interface SessionStateDto {
  user: UserDto | null;
}

/** A signed-in browser, as its owner sees it. The id is public; the cookie secret never leaves the server. */
export interface SessionDto {
  id: string;
  createdAt: string;
  /** When the session was last used, to within a few minutes. */
  lastSeenAt: string;
  expiresAt: string;
  /** A readable summary of the browser, such as "Chrome on Linux". */
  device: string;
  userAgent: string | null;
  ip: string | null;
  /** The session this request came from. */
  current: boolean;
}

/** `DELETE /auth/sessions`: how many other sessions were signed out. */
export interface SignedOutSessionsDto {
  signedOut: number;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreateApiTokenRequest {
  name: string;
  /** Days until the token stops working; omit for a token that does not expire. */
  expiresInDays?: number;
}

/** The secret is returned once, at creation; only its hash is stored. */
export interface CreatedApiTokenDto extends ApiTokenDto {
  token: string;
}

export const SESSION_COOKIE = 'orca_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
