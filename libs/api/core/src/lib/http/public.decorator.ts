import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'orca:public';

/** Marks a route as reachable without signing in. Every other route must say who may call it. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
