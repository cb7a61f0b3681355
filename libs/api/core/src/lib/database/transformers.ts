import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; revisions stay far below 2^53, so a number is exact. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};
