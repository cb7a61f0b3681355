import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { LANDING_SAMPLE_COUNT, type CdllPreview } from '@orca/shared/domain';
import { CdllCardComponent } from './cdll-card';
import { CdllFrameComponent, addressSlug } from './cdll-frame';

/** The words of a line of Markdown without its marks: `**lessons**` → `lessons`, links → their text. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`|~~)(.+?)\1/g, '$2')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/, '')
    .trim();
}

/**
 * The Landing of an object: where people arrive to find one — the plural as the page's title, the
 * definition's first paragraph as its introduction, a search, the create CTA, a way in by the
 * first list-like filter ("Browse by Level") and a few featured cards.
 */
@Component({
  selector: 'orca-cdll-landing',
  imports: [CdllCardComponent, CdllFrameComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.annotated]': 'annotate()' },
  template: `
    <orca-cdll-frame [address]="address()">
      <div class="landing" data-testid="cdll-landing">
        <div class="hero">
          <p class="title" data-testid="cdll-landing-title">
            {{ preview().plural }}
          </p>
          @if (intro()) {
            <p class="intro" data-testid="cdll-landing-intro">{{ intro() }}</p>
          } @else {
            <p class="sk-placeholder">
              No definition yet: the introduction of this page comes from it.
            </p>
          }
          <div class="hero-actions">
            <span class="search" aria-hidden="true"
              >Search {{ preview().plural.toLowerCase() }}…</span
            >
            @if (preview().createAction; as action) {
              <button
                type="button"
                class="sk-button primary cta"
                data-testid="cdll-landing-cta"
                [title]="action.roleName"
              >
                {{ action.cta.verb }}
              </button>
            }
          </div>
        </div>

        @if (browse(); as control) {
          <div class="browse">
            <p class="section-title">Browse by {{ control.attribute.name }}</p>
            <p class="chips">
              @for (option of control.options; track option.id) {
                <span
                  class="sk-chip sk-meta"
                  data-testid="cdll-landing-browse"
                  >{{ option.label }}</span
                >
              }
            </p>
          </div>
        }

        <div>
          <p class="section-title">Featured</p>
          <ul class="featured">
            @for (instance of featured(); track instance.index) {
              <li>
                <orca-cdll-card
                  [preview]="preview()"
                  [instance]="instance"
                  [annotate]="annotate()"
                />
              </li>
            }
          </ul>
        </div>
        <p class="see-all" aria-hidden="true">
          See all {{ preview().plural.toLowerCase() }} →
        </p>
      </div>
    </orca-cdll-frame>
  `,
  styleUrls: ['./cdll-sketch.css'],
  styles: `
    .landing {
      display: grid;
      gap: var(--orca-space-5);
    }
    .hero {
      display: grid;
      gap: var(--orca-space-3);
      justify-items: start;
      padding: var(--orca-space-6) var(--orca-space-5);
      border-radius: var(--orca-radius-lg);
      background: var(--orca-surface-muted);
    }
    :host(.annotated) .hero {
      background: color-mix(in srgb, var(--ooux-object) 16%, white);
    }
    .title {
      margin: 0;
      font-size: 2rem;
      font-weight: 800;
      line-height: 1.1;
    }
    .intro {
      max-width: 40rem;
      margin: 0;
      font-size: 1.0625rem;
    }
    .hero-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--orca-space-3);
      align-items: center;
    }
    .search {
      display: inline-flex;
      align-items: center;
      min-width: min(18rem, 100%);
      min-height: 2.25rem;
      padding: 0 var(--orca-space-3);
      border: 1px solid var(--orca-border-strong);
      border-radius: 999px;
      background: var(--orca-surface);
      color: var(--orca-text-muted);
      font-size: 0.875rem;
    }
    .section-title {
      margin: 0 0 var(--orca-space-2);
      font-weight: 700;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: var(--orca-space-2);
      margin: 0;
    }
    .chips .sk-chip {
      padding: var(--orca-space-1) var(--orca-space-3);
      font-size: 0.875rem;
    }
    .featured {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: var(--orca-space-4);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .see-all {
      margin: 0;
      color: var(--orca-primary);
      font-weight: 600;
    }
  `,
})
export class CdllLandingComponent {
  readonly preview = input.required<CdllPreview>();
  /** Mark the object, metadata and CTAs in their OOUX colours. */
  readonly annotate = input(false);

  protected readonly address = computed(
    () => `/${addressSlug(this.preview().plural)}`,
  );
  protected readonly intro = computed(() =>
    plainMarkdown(this.preview().intro),
  );
  protected readonly featured = computed(() =>
    this.preview().instances.slice(0, LANDING_SAMPLE_COUNT),
  );
  /** The first filter whose options are values (a list, yes/no, referred items): a way in. */
  protected readonly browse = computed(() =>
    this.preview().controls.filters.find((f) =>
      ['list', 'reference', 'boolean'].includes(f.attribute.type),
    ),
  );
}
