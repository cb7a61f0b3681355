import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import {
  cardinalityPhrase,
  ctaConditions,
  namingAttribute,
  pluralName,
  type Attribute,
  type CdllPreview,
  type Id,
  type PreviewAction,
  type SampleInstance,
} from '@orca/shared/domain';
import { CRUD_LABEL } from '../shared/vocabulary';
import { CdllFrameComponent, addressSlug } from './cdll-frame';

let nextDetailId = 0;

/**
 * The Detail of an object: one sample instance with all its core content, its metadata as the
 * page's facts, the objects it nests as lists and the primary CTAs of every role as its buttons
 * (the other CTAs quieter). Pressing a CTA says who has it and what it needs; a nested item that
 * someone can act on opens that object's previews.
 */
@Component({
  selector: 'orca-cdll-detail',
  imports: [CdllFrameComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.annotated]': 'annotate()' },
  templateUrl: './cdll-detail.html',
  styleUrls: ['./cdll-sketch.css', './cdll-detail.css'],
})
export class CdllDetailComponent {
  readonly preview = input.required<CdllPreview>();
  /** Mark core content, metadata, nested objects and CTAs in their OOUX colours. */
  readonly annotate = input(false);

  /** A nested object's item was followed: show that object's previews. */
  readonly openObject = output<Id>();

  protected readonly uid = `orca-cdll-detail-${nextDetailId++}`;
  protected readonly crudLabel = CRUD_LABEL;
  protected readonly instance = computed<SampleInstance | undefined>(
    () => this.preview().instances[0],
  );
  protected readonly object = computed(() => this.preview().entry.object);
  protected readonly address = computed(
    () =>
      `/${addressSlug(this.preview().plural)}/${addressSlug(this.instance()?.name ?? '')}`,
  );
  protected readonly titled = computed(() =>
    namingAttribute(this.preview().entry),
  );
  /** The first picture among the core content: the page's hero image. */
  protected readonly hero = computed(() =>
    this.preview().entry.core.find((a) => a.type === 'image'),
  );
  protected readonly coreLines = computed(() =>
    this.preview().entry.core.filter(
      (a) => a !== this.hero() && a !== this.titled(),
    ),
  );
  protected readonly nested = computed(() =>
    this.preview().nested.map((nested) => ({
      ...nested,
      heading: nested.many
        ? pluralName(nested.object.name)
        : nested.object.name,
      phrase: `${nested.relationship.label || 'related'} · ${cardinalityPhrase(nested.relationship)}`,
    })),
  );

  /** The CTA last pressed: its role, CRUD class, conditions and story are shown below the bar. */
  protected readonly pressed = linkedSignal<CdllPreview, PreviewAction | null>({
    source: this.preview,
    computation: (preview, previous) =>
      [...preview.primaryActions, ...preview.secondaryActions].find(
        (a) => a.cta.id === previous?.value?.cta.id,
      ) ?? null,
  });
  protected readonly pressedConditions = computed(() => {
    const action = this.pressed();
    return action ? ctaConditions(action.cta) : '';
  });

  protected valueOf(attribute: Attribute): string {
    return this.instance()?.values[attribute.id]?.text ?? '';
  }

  protected isPressed(action: PreviewAction): boolean {
    return this.pressed()?.cta.id === action.cta.id;
  }

  protected press(action: PreviewAction): void {
    this.pressed.set(this.pressed()?.cta.id === action.cta.id ? null : action);
  }
}
