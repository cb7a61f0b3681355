import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  signal,
} from '@angular/core';
import { queryInstances, type CdllPreview, type Id } from '@orca/shared/domain';
import { CdllCardComponent } from './cdll-card';
import { CdllFrameComponent, addressSlug } from './cdll-frame';

let nextListId = 0;

/**
 * The List of an object: its sample instances as cards, with the metadata as working controls —
 * a "Sort by" of every sortable metadata attribute and a filter of every filterable one (list
 * values, yes/no, bands of numbers, months). What is picked survives live edits of the model;
 * a choice the model no longer offers is dropped.
 */
@Component({
  selector: 'orca-cdll-list',
  imports: [CdllCardComponent, CdllFrameComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.annotated]': 'annotate()' },
  templateUrl: './cdll-list.html',
  styleUrls: ['./cdll-sketch.css', './cdll-list.css'],
})
export class CdllListComponent {
  readonly preview = input.required<CdllPreview>();
  /** Mark metadata and CTAs in their OOUX colours. */
  readonly annotate = input(false);

  protected readonly uid = `orca-cdll-list-${nextListId++}`;
  /** The picked sort option id, '' for the sample order. */
  protected readonly sort = signal('');
  /** Picked filter option per attribute id. */
  protected readonly filters = signal<Readonly<Record<Id, string>>>({});

  protected readonly controls = computed(() => this.preview().controls);
  /** The picks the controls still offer (an attribute may have gone meanwhile). */
  private readonly livePicks = computed(() => {
    const controls = this.controls();
    const sort = controls.sorts.some((s) => s.id === this.sort())
      ? this.sort()
      : '';
    const filters = Object.fromEntries(
      Object.entries(this.filters()).filter(([attributeId, optionId]) =>
        controls.filters.some(
          (f) =>
            f.attribute.id === attributeId &&
            f.options.some((o) => o.id === optionId),
        ),
      ),
    );
    return { sort, filters };
  });
  protected readonly shown = computed(() =>
    queryInstances(this.preview().instances, this.controls(), {
      sort: this.livePicks().sort || null,
      filters: this.livePicks().filters,
    }),
  );
  protected readonly filtering = computed(
    () => Object.keys(this.livePicks().filters).length > 0,
  );
  protected readonly countText = computed(() => {
    const total = this.preview().instances.length;
    const shown = this.shown().length;
    const noun = this.preview().plural.toLowerCase();
    return shown === total
      ? `${total} ${noun}`
      : `${shown} of ${total} ${noun}`;
  });
  /** The address of the page with what is picked, as a real list page would keep it. */
  protected readonly address = computed(() => {
    const { sort, filters } = this.livePicks();
    const controls = this.controls();
    const params: string[] = [];
    for (const control of controls.filters) {
      const option = control.options.find(
        (o) => o.id === filters[control.attribute.id],
      );
      if (option)
        params.push(
          `${addressSlug(control.attribute.name)}=${addressSlug(option.label)}`,
        );
    }
    const sortOption = controls.sorts.find((s) => s.id === sort);
    if (sortOption) params.push(`sort=${addressSlug(sortOption.label)}`);
    return `/${addressSlug(this.preview().plural)}/all${params.length ? `?${params.join('&')}` : ''}`;
  });

  protected pickedFilter(attributeId: Id): string {
    return this.livePicks().filters[attributeId] ?? '';
  }

  protected setSort(event: Event): void {
    this.sort.set((event.target as HTMLSelectElement).value);
  }

  protected setFilter(attributeId: Id, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const next = { ...this.livePicks().filters };
    if (value) next[attributeId] = value;
    else delete next[attributeId];
    this.filters.set(next);
  }

  protected clearFilters(): void {
    this.filters.set({});
  }
}
