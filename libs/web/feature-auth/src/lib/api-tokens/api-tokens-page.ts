import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import type { ApiTokenDto } from '@orca/shared/contracts';
import { TokensStore } from '@orca/web/data-access-auth';
import {
  Alert,
  Confirmation,
  CopyField,
  EmptyState,
  FormField,
  LoadingIndicator,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  orcaValidators,
  unmatchedFieldMessages,
} from '@orca/web/ui';
import { filter, switchMap } from 'rxjs';

export const TOKEN_NAME_MAX_LENGTH = 100;

/** Choices for how long a new token works; `null` never expires. */
export const TOKEN_LIFETIMES: readonly {
  days: number | null;
  label: string;
}[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never expires' },
];

@Component({
  selector: 'orca-api-tokens-page',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    Alert,
    CopyField,
    EmptyState,
    FormField,
    LoadingIndicator,
  ],
  providers: [TokensStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens-page.html',
  styleUrl: './api-tokens-page.css',
})
export class ApiTokensPage implements OnInit {
  protected readonly store = inject(TokensStore);
  private readonly confirmation = inject(Confirmation);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly lifetimes = TOKEN_LIFETIMES;
  protected readonly submitted = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      '',
      [orcaValidators.notBlank, Validators.maxLength(TOKEN_NAME_MAX_LENGTH)],
    ],
    /** Index into TOKEN_LIFETIMES. */
    lifetime: [1],
  });
  protected readonly otherProblems = computed(() =>
    unmatchedFieldMessages(this.form, this.store.createProblem()?.fieldErrors),
  );

  constructor() {
    effect(() => {
      const problem = this.store.createProblem();
      if (problem) {
        applyServerFieldErrors(this.form, {
          ...problem.fieldErrors,
          ...(problem.fieldErrors['expiresInDays']
            ? { lifetime: problem.fieldErrors['expiresInDays'] }
            : {}),
        });
      }
    });
  }

  ngOnInit(): void {
    this.store.load().pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
  }

  protected nameError(): string | null {
    return controlError(this.form.controls.name, 'Name', this.submitted());
  }

  protected create(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { name, lifetime } = this.form.getRawValue();
    const days = TOKEN_LIFETIMES[lifetime]?.days ?? null;
    this.store
      .create({
        name: name.trim(),
        ...(days === null ? {} : { expiresInDays: days }),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.submitted.set(false);
        this.form.reset();
      });
  }

  protected revoke(token: ApiTokenDto): void {
    this.confirmation
      .ask({
        title: `Revoke “${token.name}”?`,
        message:
          'Scripts and integrations using this token stop working at once. This cannot be undone.',
        confirmLabel: 'Revoke token',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.revoke(token.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }
}
