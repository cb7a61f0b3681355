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
