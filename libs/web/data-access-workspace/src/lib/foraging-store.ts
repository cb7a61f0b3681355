import {
  DestroyRef,
  Injectable,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  FORAGING_FILE_EXTENSIONS,
  FORAGING_TEXT_MAX_BYTES,
  type AddForagingSourceResponse,
  type ForagingCandidateDto,
  type ForagingChangedEvent,
  type ForagingOverviewDto,
  type ForagingSourceDto,
} from '@orca/shared/contracts';
import {
  type Promotion,
  candidateMatcher,
  promotionChange,
} from '@orca/shared/domain';
import {
  type LoadStatus,
  type ProblemMessage,
  toProblemMessage,
} from '@orca/web/data-access-auth';
import type { Observable } from 'rxjs';
import { ForagingApi } from './foraging-api';
import { type WorkspaceStatus, WorkspaceStore } from './workspace-store';

interface ForagingState {
  projectId: string | null;
  sources: readonly ForagingSourceDto[];
  /** As the server ranked them; `inModel` is recomputed live below. */
  candidates: readonly ForagingCandidateDto[];
  candidateCount: number;
  status: LoadStatus;
  problem: ProblemMessage | null;
  /** A source is being added (tagging a large text takes a while). */
  adding: boolean;
  addProblem: ProblemMessage | null;
  selectedKey: string | null;
  /** What someone else last did to the research, in words ("Ada added “Interview 2”."). */
  liveNote: string | null;
}

const INITIAL: ForagingState = {
  projectId: null,
  sources: [],
  candidates: [],
  candidateCount: 0,
  status: 'idle',
  problem: null,
  adding: false,
  addProblem: null,
  selectedKey: null,
  liveNote: null,
};

/** What became of a promotion, in words for the person who clicked. */
export interface PromotionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * One project's noun foraging on the page: its sources and ranked candidates (REST), which of
 * them the model already has (live, from the workspace's model), and promotions, which are
 * domain changes submitted through the workspace like any other edit (so others see them at once
 * and Undo reverts them). Sources others add or remove arrive live (`foraging:changed` on the
 * workspace's socket): the list changes at once and the candidates, ranked over all sources, are
 * read again. Provide it on the foraging page, under the workspace shell.
 */
@Injectable()
export class ForagingStore {
  private readonly api = inject(ForagingApi);
  private readonly workspace = inject(WorkspaceStore);
  private readonly state = signal<ForagingState>(INITIAL);
  /** Reads of the overview in the order they were asked; an older answer never replaces a newer. */
  private readsAsked = 0;
  private readShown = 0;
  /** The live connection was lost since it was last live (what was said meanwhile is unheard). */
  private missedLive = false;
  private wasLive = false;

  readonly sources = computed(() => this.state().sources);
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);
  readonly adding = computed(() => this.state().adding);
  readonly addProblem = computed(() => this.state().addProblem);
  readonly candidateCount = computed(() => this.state().candidateCount);
  readonly selectedKey = computed(() => this.state().selectedKey);
  readonly liveNote = computed(() => this.state().liveNote);

  constructor() {
    const changes = this.workspace.foragingChanged$.subscribe((event) =>
      this.onChanged(event),
    );
    inject(DestroyRef).onDestroy(() => changes.unsubscribe());
    effect(() => {
      const status = this.workspace.status();
      untracked(() => this.onConnection(status));
    });
  }

  /** The ranked candidates, each marked when the model (as it is now) already has it. */
  readonly candidates = computed<readonly ForagingCandidateDto[]>(() => {
    const model = this.workspace.model();
    const candidates = this.state().candidates;
    if (!model) return candidates;
    const match = candidateMatcher(model);
    return candidates.map((candidate) => ({
      ...candidate,
      inModel: match(candidate),
    }));
  });

  readonly selected = computed(() => {
    const key = this.state().selectedKey;
    return this.candidates().find((c) => c.key === key) ?? null;
  });

  /** Loads the project's sources and candidates. */
  load(projectId: string): void {
    this.state.update((state) => ({
      ...(state.projectId === projectId ? state : INITIAL),
      projectId,
      status: 'loading',
      problem: null,
    }));
    const read = ++this.readsAsked;
    this.api.overview(projectId).subscribe({
      next: (overview) => this.showRead(read, projectId, overview),
      error: (error: unknown) =>
        this.patch({
          status: 'failed',
          problem: toProblemMessage(
            error,
            'The foraged research could not be loaded.',
          ),
        }),
    });
  }

  /** Reads the candidates again without a loading state (a source came or went). */
  private refresh(projectId: string): void {
    const read = ++this.readsAsked;
    this.api.overview(projectId).subscribe({
      next: (overview) => this.showRead(read, projectId, overview),
      // What is shown stays; the next change or a reload reads again.
      error: () => undefined,
    });
  }

  private showRead(
    read: number,
    projectId: string,
    overview: ForagingOverviewDto,
  ): void {
    if (read < this.readShown) return;
    this.readShown = read;
    this.show(projectId, overview);
  }

  /** Someone (maybe in another tab) added or removed a source of this project. */
  private onChanged(event: ForagingChangedEvent): void {
    const { projectId, sources, status, adding } = this.state();
    if (event.projectId !== projectId || status === 'idle') return;
    const mine = event.actor.id === this.workspace.myUserId();
    if (event.kind === 'source-added') {
      // Already shown (this tab's own answer came first), or about to be (it is on its way).
      if (sources.some((s) => s.id === event.source.id) || (mine && adding))
        return;
      this.patch({
        sources: [...sources, event.source],
        liveNote: mine
          ? null
          : `${event.actor.displayName} added “${event.source.name}”.`,
      });
    } else {
      const removed = sources.find((s) => s.id === event.sourceId);
      if (!removed) return;
      this.patch({
        sources: sources.filter((s) => s.id !== event.sourceId),
        liveNote: mine
          ? null
          : `${event.actor.displayName} removed “${removed.name}”.`,
      });
    }
    this.refresh(projectId);
  }

  /** Back live after the connection was lost: what was said meanwhile is read. */
  private onConnection(status: WorkspaceStatus): void {
    if (status === 'live') {
      const projectId = this.state().projectId;
      if (this.missedLive && projectId && this.state().status === 'ready')
        this.refresh(projectId);
      this.missedLive = false;
      this.wasLive = true;
    } else if (this.wasLive) {
      this.missedLive = true;
    }
  }

  /** Forages pasted text; resolves true when it was kept. */
  addText(text: string, name?: string): Promise<boolean> {
    const projectId = this.state().projectId;
    if (!projectId) return Promise.resolve(false);
    return this.adding$(projectId, this.api.addText(projectId, text, name));
  }

  /** Forages an uploaded .txt or .md file; resolves true when it was kept. */
  addFile(file: File, name?: string): Promise<boolean> {
    const projectId = this.state().projectId;
    if (!projectId) return Promise.resolve(false);
    // The server refuses these too; saying so before uploading saves the wait.
    const refusal = fileRefusal(file);
    if (refusal) {
      this.patch({
        addProblem: {
          status: 0,
          code: refusal.code,
          message: refusal.message,
          fieldErrors: { file: refusal.message },
        },
      });
      return Promise.resolve(false);
    }
    return this.adding$(projectId, this.api.addFile(projectId, file, name));
  }

  /** Removes a source and what it contributed; the model is left as it is. */
  removeSource(sourceId: string): Promise<boolean> {
    const projectId = this.state().projectId;
    if (!projectId) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.api.remove(projectId, sourceId).subscribe({
        next: () => {
          const { sources } = this.state();
          // Gone at once; the candidates follow (unless this tab heard it live already).
          if (sources.some((s) => s.id === sourceId)) {
            this.patch({ sources: sources.filter((s) => s.id !== sourceId) });
            this.refresh(projectId);
          }
          resolve(true);
        },
        error: (error: unknown) => {
          this.workspace.notify(
            'error',
            toProblemMessage(error, 'The source could not be removed.').message,
          );
          resolve(false);
        },
      });
    });
  }

  select(key: string | null): void {
    this.patch({ selectedKey: key });
  }

  dismissAddProblem(): void {
    this.patch({ addProblem: null });
  }

  /**
   * Promotes a candidate through the one write path: the domain builds the change, the workspace
   * applies it at once and sends it. Says what happened (or why not) in words.
   */
  async promote(
    candidate: ForagingCandidateDto,
    promotion: Promotion,
  ): Promise<PromotionOutcome> {
    const model = this.workspace.model();
    if (!model) return { ok: false, message: 'The project is not open yet.' };
    const built = promotionChange(model, candidate, promotion, () =>
      crypto.randomUUID(),
    );
    if (!built.ok) return { ok: false, message: built.reason };
    const outcome = await this.workspace.submit(built.change);
    return outcome.ok
      ? { ok: true, message: built.summary }
      : { ok: false, message: outcome.error.message };
  }

  private adding$(
    projectId: string,
    request: Observable<AddForagingSourceResponse>,
  ): Promise<boolean> {
    this.patch({ adding: true, addProblem: null });
    return new Promise((resolve) => {
      request.subscribe({
        next: (response) => {
          this.show(projectId, response);
          this.patch({ adding: false });
          resolve(true);
        },
        error: (error: unknown) => {
          this.patch({
            adding: false,
            addProblem: toProblemMessage(
              error,
              'The text could not be foraged.',
            ),
          });
          resolve(false);
        },
      });
    });
  }

  private show(projectId: string, overview: ForagingOverviewDto): void {
    if (this.state().projectId !== projectId) return;
    const selected = this.state().selectedKey;
    this.patch({
      sources: overview.sources,
      candidates: overview.candidates,
      candidateCount: overview.candidateCount,
      status: 'ready',
      problem: null,
      selectedKey:
        selected && overview.candidates.some((c) => c.key === selected)
          ? selected
          : (overview.candidates[0]?.key ?? null),
    });
  }

  private patch(change: Partial<ForagingState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

/** Why a file cannot be foraged, as the server would say, or null. */
export function fileRefusal(
  file: File,
): { code: string; message: string } | null {
  const extension = /\.[^./\\]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
  if (!(FORAGING_FILE_EXTENSIONS as readonly string[]).includes(extension))
    return {
      code: 'unsupported_file_type',
      message: `${file.name} is not a .txt or .md file. Save the research as plain text (or Markdown) and upload that, or paste its text.`,
    };
  if (file.size > FORAGING_TEXT_MAX_BYTES)
    return {
      code: 'text_too_large',
      message: `${file.name} is ${file.size.toLocaleString('en')} bytes; the limit is ${FORAGING_TEXT_MAX_BYTES.toLocaleString('en')} bytes (1 MB). Split it into several sources.`,
    };
  return null;
}
