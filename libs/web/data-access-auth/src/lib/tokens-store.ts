import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  ApiTokenDto,
  CreateApiTokenRequest,
  CreatedApiTokenDto,
} from '@orca/shared/contracts';
import { EMPTY, Observable, catchError, defer, finalize, map, tap } from 'rxjs';
import { LoadStatus } from './load-status';
import { ProblemMessage, toProblemMessage } from './problem-message';
import { TokensApi } from './tokens-api';

interface TokensState {
  tokens: ApiTokenDto[];
  status: LoadStatus;
  problem: ProblemMessage | null;
  creating: boolean;
  createProblem: ProblemMessage | null;
  /** The token just created, with its secret: shown once, until dismissed. */
  createdToken: CreatedApiTokenDto | null;
  revokingIds: readonly string[];
}

/**
 * The signed-in person's API tokens. Provide it on the page that shows them.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class TokensStore {
  private readonly api = inject(TokensApi);
  private readonly state = signal<TokensState>({
    tokens: [],
    status: 'idle',
    problem: null,
    creating: false,
    createProblem: null,
    createdToken: null,
    revokingIds: [],
  });

  readonly tokens = computed(() => this.state().tokens);
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);
  readonly creating = computed(() => this.state().creating);
  readonly createProblem = computed(() => this.state().createProblem);
  readonly createdToken = computed(() => this.state().createdToken);
  readonly revokingIds = computed(() => this.state().revokingIds);

  load(): Observable<ApiTokenDto[]> {
    return defer(() => {
      this.patch({ status: 'loading', problem: null });
      return this.api.list().pipe(
        tap((tokens) => this.patch({ tokens, status: 'ready' })),
        catchError((error: unknown) => {
          this.patch({
            status: 'failed',
            problem: toProblemMessage(
              error,
              'Your API tokens could not be loaded.',
            ),
          });
          return EMPTY;
        }),
      );
    });
  }

  create(request: CreateApiTokenRequest): Observable<CreatedApiTokenDto> {
    return defer(() => {
      this.patch({ creating: true, createProblem: null, createdToken: null });
      return this.api.create(request).pipe(
        tap((created) => {
          this.state.update((state) => ({
            ...state,
            createdToken: created,
            tokens: [withoutSecret(created), ...state.tokens],
          }));
        }),
        catchError((error: unknown) => {
          this.patch({
            createProblem: toProblemMessage(
              error,
              'The token could not be created.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ creating: false })),
      );
    });
  }

  revoke(tokenId: string): Observable<void> {
    return defer(() => {
      this.state.update((state) => ({
        ...state,
        problem: null,
        revokingIds: [...state.revokingIds, tokenId],
      }));
      return this.api.revoke(tokenId).pipe(
        map((): void => undefined),
        tap(() =>
          this.state.update((state) => ({
            ...state,
            tokens: state.tokens.filter((token) => token.id !== tokenId),
            createdToken:
              state.createdToken?.id === tokenId ? null : state.createdToken,
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            problem: toProblemMessage(error, 'The token could not be revoked.'),
          });
          return EMPTY;
        }),
        finalize(() =>
          this.state.update((state) => ({
            ...state,
            revokingIds: state.revokingIds.filter((id) => id !== tokenId),
          })),
        ),
      );
    });
  }

  /** Forgets the secret once the person has copied it. */
  dismissSecret(): void {
    this.patch({ createdToken: null });
  }

  private patch(change: Partial<TokensState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

function withoutSecret(created: CreatedApiTokenDto): ApiTokenDto {
  return {
    id: created.id,
    name: created.name,
    prefix: created.prefix,
    createdAt: created.createdAt,
    lastUsedAt: created.lastUsedAt,
    expiresAt: created.expiresAt,
  };
}
