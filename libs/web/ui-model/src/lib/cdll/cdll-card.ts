import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  namingAttribute,
  type Attribute,
  type CdllPreview,
  type SampleInstance,
} from '@orca/shared/domain';

/**
 * The Card of an object: its picture (the first image among the top core attributes), its name,
 * the other top core attributes and the first primary CTA. In a List it also shows the metadata
 * people sort and filter by, as chips.
 */
@Component({
  selector: 'orca-cdll-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.annotated]': 'annotate()' },
  template: `
    <article
      class="card"
      data-testid="cdll-card"
      [attr.data-instance]="shown()?.name"
      [attr.aria-label]="shown()?.name"
    >
      @if (picture(); as image) {
        <span
          class="sk-image sk-core"
          role="img"
          data-testid="cdll-card-attribute"
          [attr.data-attribute]="image.name"
          [attr.aria-label]="image.name + ' of ' + shown()?.name"
        ></span>
      }
      <div class="body">
        <p
          class="name"
          [class.sk-core]="titled() !== undefined"
          data-testid="cdll-card-name"
          [attr.data-attribute]="titled()?.name"
        >
          {{ shown()?.name }}
        </p>
        @for (attribute of lines(); track attribute.id) {
          <p
            class="line sk-core"
            data-testid="cdll-card-attribute"
            [attr.data-attribute]="attribute.name"
          >
            <span class="sk-label">{{ attribute.name }}</span>
            @if (attribute.type === 'image') {
              <span
                class="sk-image thumb"
                role="img"
                [attr.aria-label]="attribute.name"
              ></span>
            } @else {
              <span class="value">{{ valueOf(attribute) }}</span>
            }
          </p>
        }
        @if (preview().cardAttributes.length === 0) {
          <p class="sk-placeholder">No core content to show yet</p>
        }
        @if (showMetadata() && metadata().length > 0) {
          <p class="meta">
            @for (attribute of metadata(); track attribute.id) {
              <span
                class="sk-chip sk-meta"
                data-testid="cdll-card-metadata"
                [attr.data-attribute]="attribute.name"
                ><span class="k">{{ attribute.name }}</span>
                {{ valueOf(attribute) }}</span
              >
            }
          </p>
        }
        @if (preview().primaryActions[0]; as action) {
          <span class="sk-button primary cta small">{{ action.cta.verb }}</span>
        }
      </div>
    </article>
  `,
  styleUrls: ['./cdll-sketch.css'],
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      height: 100%;
      overflow: hidden;
      border: 1px solid var(--orca-border);
      border-radius: var(--orca-radius-lg);
      background: var(--orca-surface);
      box-shadow: var(--orca-shadow);
    }
    .card > .sk-image {
      border-radius: 0;
      aspect-ratio: 2 / 1;
    }
    :host(.annotated) .card > .sk-image.sk-core {
      padding-left: 0;
      box-shadow: inset 0 -3px 0 var(--ooux-core-content);
    }
    .body {
      display: flex;
      flex: 1;
      flex-direction: column;
      gap: var(--orca-space-1);
      padding: var(--orca-space-3) var(--orca-space-4) var(--orca-space-4);
    }
    .name {
      margin: 0 0 var(--orca-space-1);
      font-size: 1.0625rem;
      font-weight: 700;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .line {
      display: grid;
      margin: 0;
      font-size: 0.875rem;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .thumb {
      width: 4rem;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--orca-space-1);
      margin: var(--orca-space-2) 0 0;
    }
    .meta .sk-chip {
      white-space: normal;
    }
    .k {
      color: var(--orca-text-muted);
    }
    .small {
      align-self: flex-start;
      margin-top: auto;
      min-height: 1.75rem;
      font-size: 0.8125rem;
    }
    .meta + .small,
    .line + .small,
    .sk-placeholder + .small {
      margin-top: var(--orca-space-3);
    }
  `,
})
export class CdllCardComponent {
  readonly preview = input.required<CdllPreview>();
  /** The sample shown; the first when not given. */
  readonly instance = input<SampleInstance | null>(null);
  /** In a List: show the metadata too. */
  readonly showMetadata = input(false);
  /** Mark core content, metadata and CTAs in their OOUX colours. */
  readonly annotate = input(false);

  protected readonly shown = computed<SampleInstance | undefined>(
    () => this.instance() ?? this.preview().instances[0],
  );
  /** The core attribute the name is the value of (a Title): the card's heading. */
  protected readonly titled = computed(() => {
    const naming = namingAttribute(this.preview().entry);
    return this.preview().cardAttributes.find((a) => a === naming);
  });
  protected readonly picture = computed(() =>
    this.preview().cardAttributes.find((a) => a.type === 'image'),
  );
  protected readonly lines = computed(() =>
    this.preview().cardAttributes.filter(
      (a) => a !== this.picture() && a !== this.titled(),
    ),
  );
  protected readonly metadata = computed(() =>
    this.preview().entry.metadata.filter((a) => a.type !== 'image'),
  );

  protected valueOf(attribute: Attribute): string {
    return this.shown()?.values[attribute.id]?.text ?? '';
  }
}
