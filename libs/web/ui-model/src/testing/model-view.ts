import {
  ApplicationRef,
  type OutputEmitterRef,
  type Type,
} from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { PresenceFocus } from '@orca/shared/contracts';
import type { Change, ProjectModel } from '@orca/shared/domain';
import { applyValid } from './models';

/** The outputs every model view (NOM, CTA matrix, attributes, board) talks to its page with. */
interface ModelViewOutputs {
  readonly edit: OutputEmitterRef<Change>;
  readonly focusChange: OutputEmitterRef<PresenceFocus | null>;
  readonly lockRequest?: OutputEmitterRef<PresenceFocus>;
  readonly lockRelease?: OutputEmitterRef<PresenceFocus>;
}

/** A rendered view and everything it told its page, in order. */
export interface RenderedView<C> {
  readonly fixture: ComponentFixture<C>;
  readonly host: HTMLElement;
  readonly changes: Change[];
  readonly focuses: (PresenceFocus | null)[];
  readonly lockRequests: PresenceFocus[];
  readonly lockReleases: PresenceFocus[];
  /** Lets the view render and its effects run. */
  settle(): Promise<void>;
}

/**
 * Renders a model view as its page hosts it: every change it emits is applied (it must be valid)
 * and comes back as the new `model` input, which `onModel` hears too; focus and lock requests are
 * recorded.
 */
export async function renderModelView<C extends ModelViewOutputs>(
  component: Type<C>,
  model: ProjectModel,
  inputs: Readonly<Record<string, unknown>>,
  onModel: (model: ProjectModel) => void = () => undefined,
): Promise<RenderedView<C>> {
  const fixture = TestBed.createComponent(component);
  fixture.componentRef.setInput('model', model);
  for (const [name, value] of Object.entries(inputs))
    fixture.componentRef.setInput(name, value);
  const view: RenderedView<C> = {
    fixture,
    host: fixture.nativeElement as HTMLElement,
    changes: [],
    focuses: [],
    lockRequests: [],
    lockReleases: [],
    settle: async () => {
      await fixture.whenStable();
      await TestBed.inject(ApplicationRef).whenStable();
    },
  };
  let current = model;
  const outputs = fixture.componentInstance;
  outputs.edit.subscribe((change) => {
    view.changes.push(change);
    current = applyValid(current, change);
    onModel(current);
    fixture.componentRef.setInput('model', current);
  });
  outputs.focusChange.subscribe((focus) => view.focuses.push(focus));
  outputs.lockRequest?.subscribe((focus) => view.lockRequests.push(focus));
  outputs.lockRelease?.subscribe((focus) => view.lockReleases.push(focus));
  await view.settle();
  return view;
}
