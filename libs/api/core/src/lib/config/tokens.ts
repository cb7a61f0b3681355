/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token of the connected Redis client, or null when REDIS_URL is not set. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/** Injection token of the PostgreSQL URL in use (the real one, or the embedded server's). */
export const DATABASE_URL = Symbol('DATABASE_URL');
