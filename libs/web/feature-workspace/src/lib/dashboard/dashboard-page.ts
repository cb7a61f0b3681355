import { PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  type FindingSeverity,
  type OrcaRound,
  ORCA_ROUNDS,
  measureOrcaSteps,
} from '@orca/shared/domain';
import { ActivityStore, WorkspaceStore } from '@orca/web/data-access-workspace';
import { Alert } from '@orca/web/ui';
import {
  type WorkspaceSection,
  describeFocus,
  findingLink,
  sectionLink,
} from '../workspace-links';
import { ActivityList, followActivity } from '../activity/activity-list';

type DashboardMode = 'guided' | 'freeform';

const MODE_KEY = 'orca.dashboard.mode';
const SEVERITY_ORDER: Record<FindingSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

function readMode(): DashboardMode {
  try {
    return localStorage.getItem(MODE_KEY) === 'freeform'
      ? 'freeform'
      : 'guided';
  } catch {
    return 'guided';
  }
}

/**
 * Where a project stands: progress per ORCA round, who is here, what changed lately, the open
 * gaps, and the way on — step by step through the fifteen ORCA steps (guided) or straight to any
 * artifact, with a warning about gaps left behind (freeform).
 */
@Component({
  selector: 'orca-dashboard-page',
  imports: [RouterLink, PercentPipe, Alert, ActivityList],
  providers: [ActivityStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.css',
})
export class DashboardPage {
  protected readonly store = inject(WorkspaceStore);
  protected readonly rounds = ORCA_ROUNDS;
  protected readonly mode = signal<DashboardMode>(readMode());
  /** Rounds whose gaps the person chose to leave behind for now. */
  protected readonly dismissedRounds = signal<ReadonlySet<OrcaRound>>(
    new Set(),
  );

  protected readonly steps = computed(() => {
    const model = this.store.visibleModel();
    return model ? measureOrcaSteps(model, this.store.findings()) : [];
  });
  protected readonly nextStep = computed(
    () => this.steps().find((step) => !step.done) ?? null,
  );
  protected readonly stepsByRound = computed(() =>
    ORCA_ROUNDS.map((round) => {
      const steps = this.steps().filter((step) => step.round === round.round);
      return {
        ...round,
        steps,
        percent: this.store.completeness()?.[round.round] ?? 0,
        done: steps.every((step) => step.done),
      };
    }),
  );
  /** Freeform: one banner per round with unfinished steps, until "proceed anyway". */
  protected readonly gapBanners = computed(() =>
    this.stepsByRound()
      .filter(
        (round) => !round.done && !this.dismissedRounds().has(round.round),
      )
      .map((round) => ({
        round: round.round,
        title: round.title,
        open: round.steps.filter((step) => !step.done),
      })),
  );
  protected readonly counts = computed(() => {
    const model = this.store.visibleModel();
    const count = (record: object | undefined) =>
      record ? Object.keys(record).length : 0;
    return {
      objects: count(model?.objects),
      relationships: count(model?.relationships),
      roles: count(model?.roles),
      ctas: count(model?.ctas),
      attributes: count(model?.attributes),
    };
  });
  protected readonly topGaps = computed(() =>
    [...this.store.findings()]
      .filter((finding) => finding.severity !== 'info')
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
      .slice(0, 6),
  );
  protected readonly gapTotals = computed(() => {
    const findings = this.store.findings();
    return {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    };
  });
  protected readonly online = computed(() =>
    this.store.presence().map((member) => ({
      ...member,
      me: member.userId === this.store.myUserId(),
      where: describeFocus(member.focus, this.store.model()),
    })),
  );

  constructor() {
    this.store.focus({ kind: 'view', view: 'dashboard' });
    followActivity();
  }

  protected setMode(mode: DashboardMode): void {
    this.mode.set(mode);
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // Not remembered; the choice still holds on this page.
    }
  }

  protected proceedAnyway(round: OrcaRound): void {
    this.dismissedRounds.update((rounds) => new Set([...rounds, round]));
  }

  protected section(section: WorkspaceSection): readonly string[] {
    return sectionLink(this.store.projectId() ?? '', section).commands;
  }

  protected gapLink(index: number) {
    return findingLink(
      this.store.projectId() ?? '',
      this.topGaps()[index],
      this.store.model(),
    );
  }
}
