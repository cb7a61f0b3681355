/** Helpers for the account pages' specs: a signed-in Ada, typing, problem answers. */
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@orca/shared/contracts';
import { AuthStore } from '@orca/web/data-access-auth';

export const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada.lovelace@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

/** Signs Ada in, as the start-up probe would. */
export function signInAda(http: HttpTestingController): AuthStore {
  const auth = TestBed.inject(AuthStore);
  auth.loadSession().subscribe();
  http.expectOne('/api/v1/auth/session').flush({ user: ADA });
  return auth;
}

/** Types into a field the way a person does (the input event reactive forms listen to). */
export function type(page: HTMLElement, testId: string, value: string): void {
  const input = page.querySelector<HTMLInputElement>(
    `[data-testid="${testId}"]`,
  );
  if (!input) throw new Error(`no field ${testId}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

export function byTestId<T extends HTMLElement = HTMLElement>(
  page: HTMLElement,
  testId: string,
): T | null {
  return page.querySelector<T>(`[data-testid="${testId}"]`);
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors: { field: string; message: string }[] = [],
) {
  return [
    { type: 'about:blank', title: 'Problem', status, code, detail, errors },
    { status, statusText: 'Problem' },
  ] as const;
}
