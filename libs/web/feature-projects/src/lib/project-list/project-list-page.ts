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
import { Router, RouterLink } from '@angular/router';
import { ProjectsStore } from '@orca/web/data-access-projects';
import {
  Alert,
  EmptyState,
  FormField,
  LoadingIndicator,
  RoleBadge,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  orcaValidators,
  unmatchedFieldMessages,
} from '@orca/web/ui';
import {
  PROJECT_DESCRIPTION_MAX_LENGTH,
  PROJECT_NAME_MAX_LENGTH,
} from '../project-form-rules';

/** Navigation state other pages pass to say what just happened ("You joined …"). */
export interface ProjectListNotice {
  notice?: string;
}

@Component({
  selector: 'orca-project-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    Alert,
    EmptyState,
    FormField,
    LoadingIndicator,
    RoleBadge,
  ],
  providers: [ProjectsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-list-page.html',
  styleUrl: './project-list-page.css',
})
export class ProjectListPage implements OnInit {
  protected readonly store = inject(ProjectsStore);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  private readonly router = inject(Router);
  protected readonly notice = signal<string | null>(readNotice(this.router));
  protected readonly submitted = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      '',
      [orcaValidators.notBlank, Validators.maxLength(PROJECT_NAME_MAX_LENGTH)],
    ],
    description: ['', Validators.maxLength(PROJECT_DESCRIPTION_MAX_LENGTH)],
  });
  /** The server's list of what is wrong with an imported document, place by place. */
  protected readonly importDetails = computed(() =>
    Object.entries(this.store.importProblem()?.fieldErrors ?? {})
      .slice(0, 8)
      .map(([place, message]) => `${place}: ${message}`),
  );
  protected readonly otherProblems = computed(() =>
    unmatchedFieldMessages(this.form, this.store.createProblem()?.fieldErrors),
  );

  constructor() {
    effect(() => {
      const problem = this.store.createProblem();
      if (problem) {
        applyServerFieldErrors(this.form, problem.fieldErrors);
      }
    });
  }

  ngOnInit(): void {
    this.store.load().pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
  }

  /** Reads the chosen ORCA JSON file, imports it and opens the new project's workspace. */
  protected importFrom(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.store.clearImportProblem();
    file
      .text()
      .then((text) =>
        this.store
          .importFile(text)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe(
            (project) => void this.router.navigate(['/projects', project.id]),
          ),
      )
      .catch(() => this.store.importFile('').subscribe());
  }

  protected errorFor(
    field: 'name' | 'description',
    label: string,
  ): string | null {
    return controlError(this.form.controls[field], label, this.submitted());
  }

  protected create(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { name, description } = this.form.getRawValue();
    this.store
      .create({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((project) => {
        this.submitted.set(false);
        this.form.reset();
        this.notice.set(`Project “${project.name}” created.`);
      });
  }
}

function readNotice(router: Router): string | null {
  const state = router.currentNavigation()?.extras.state as
    | ProjectListNotice
    | undefined;
  return typeof state?.notice === 'string' ? state.notice : null;
}
