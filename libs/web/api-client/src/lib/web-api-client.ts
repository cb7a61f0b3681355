export function webApiClient(): string {
  return 'web-api-client';
}
