import type { ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  attributesOf,
  emptyModel,
  type Attribute,
  type Change,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  applyValid,
  attributeNamed,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { renderModelView } from '../../testing/model-view';
import { AttributeListComponent } from './attribute-list';

describe('AttributeListComponent', () => {
  let fixture: ComponentFixture<AttributeListComponent>;
  let host: HTMLElement;
  let model: ProjectModel;
  let changes: Change[];
  let focuses: (PresenceFocus | null)[];
  let settle: () => Promise<void>;

  async function render(
    initial: ProjectModel,
    objectName: string | null,
    readonly = false,
  ): Promise<void> {
    model = initial;
    ({ fixture, host, changes, focuses, settle } = await renderModelView(
      AttributeListComponent,
      initial,
      {
        objectId:
          objectName === null ? null : objectNamed(initial, objectName).id,
        readonly,
      },
      (next) => (model = next),
    ));
  }

  const names = () =>
    [
      ...host.querySelectorAll<HTMLInputElement>(
        '.row input[data-field="name"]',
      ),
    ].map((i) => i.value);
  const row = (name: string) =>
    [...host.querySelectorAll<HTMLElement>('.row')].find(
      (r) =>
        r.querySelector<HTMLInputElement>('input[data-field="name"]')?.value ===
        name,
    ) as HTMLElement;
  const ranked = (objectName: string) =>
    attributesOf(model, objectNamed(model, objectName).id).map((a) => a.name);

  async function type(
    input: HTMLInputElement | HTMLTextAreaElement,
    value: string,
    commit: 'enter' | 'change' | 'input',
  ): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    if (commit === 'enter') {
      input.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'Enter',
          bubbles: true,
          cancelable: true,
        }),
      );
    } else if (commit === 'change') {
      input.dispatchEvent(new Event('change'));
    }
    await settle();
  }

  it("lists the object's attributes in rank order with type, kind, required and values", async () => {
    await render(learningPlatform(), 'Course');

    expect(names()).toEqual([
      'Title',
      'Summary',
      'Cover image',
      'Level',
      'Duration (hours)',
      'Price',
      'Published on',
      'Average rating',
    ]);
    const level = row('Level');
    expect(level.dataset['kind']).toBe('metadata');
    expect(
      level
        .querySelector('[data-testid="attribute-kind"]')
        ?.textContent?.trim(),
    ).toBe('Metadata');
    expect(
      level.querySelector<HTMLSelectElement>('select[data-field="type"]')
        ?.value,
    ).toBe('list');
    expect(
      level.querySelector<HTMLInputElement>('input[data-field="required"]')
        ?.checked,
    ).toBe(true);
    expect(
      level.querySelector<HTMLInputElement>('input[data-field="listValues"]')
        ?.value,
    ).toBe('Beginner, Intermediate, Advanced');
    expect(
      row('Title')
        .querySelector('[data-testid="attribute-kind"]')
        ?.textContent?.trim(),
    ).toBe('Core');
  });

  it('lists every object with its attribute count, and switches object on pick', async () => {
    await render(learningPlatform(), null);
    const selects: string[] = [];
    fixture.componentInstance.objectSelect.subscribe((id) => selects.push(id));

    const picks = [...host.querySelectorAll<HTMLButtonElement>('.pick')];
    expect(picks[0].getAttribute('aria-current')).toBe('true');
    expect(picks[0].textContent).toContain('Course');
    expect(picks[0].querySelector('.count')?.textContent?.trim()).toBe(
      '8 attributes',
    );

    const lesson = picks.find((p) => p.textContent?.includes('Lesson'));
    lesson?.click();
    await settle();
    expect(selects).toEqual([objectNamed(model, 'Lesson').id]);
    expect(host.querySelector('h3')?.textContent).toContain('Lesson');
    expect(names()[0]).toBe('Title');
    expect(lesson?.getAttribute('aria-current')).toBe('true');
  });

  it('force-ranks by drag and drop with a key between the new neighbours', async () => {
    await render(learningPlatform(), 'Course');
    const list = fixture.debugElement
      .query(By.directive(CdkDropList))
      .injector.get(CdkDropList);
    const price = attributeNamed(model, 'Course', 'Price');

    list.dropped.emit({
      previousIndex: 5,
      currentIndex: 1,
      item: { data: price },
      container: list,
      previousContainer: list,
    } as unknown as CdkDragDrop<Attribute[], Attribute[], Attribute>);
    await settle();

    expect(changes).toEqual([
      { kind: 'attribute.move', id: price.id, orderKey: expect.any(String) },
    ]);
    expect(ranked('Course').slice(0, 3)).toEqual(['Title', 'Price', 'Summary']);
    expect(names().slice(0, 3)).toEqual(['Title', 'Price', 'Summary']);
  });

  it('ranks from the keyboard with the ↑ ↓ buttons', async () => {
    await render(learningPlatform(), 'Course');
    row('Summary')
      .querySelector<HTMLButtonElement>('[aria-label="Move Summary up"]')
      ?.click();
    await settle();
    expect(ranked('Course').slice(0, 2)).toEqual(['Summary', 'Title']);
    expect(
      row('Average rating').querySelector<HTMLButtonElement>(
        '[aria-label="Move Average rating down"]',
      )?.disabled,
    ).toBe(true);
  });

  it('keeps the focus on the arrow pressed, so it can be pressed again', async () => {
    await render(learningPlatform(), 'Course');
    const up = () =>
      row('Price').querySelector<HTMLButtonElement>(
        '[aria-label="Move Price up"]',
      );
    up()?.focus();
    up()?.click();
    await settle();
    expect(document.activeElement).toBe(up());
    up()?.click();
    await settle();
    expect(ranked('Course').slice(2, 6)).toEqual([
      'Cover image',
      'Price',
      'Level',
      'Duration (hours)',
    ]);

    // At the top, ↑ is disabled: the focus goes to ↓.
    row('Summary')
      .querySelector<HTMLButtonElement>('[aria-label="Move Summary up"]')
      ?.click();
    await settle();
    expect(document.activeElement).toBe(
      row('Summary').querySelector('[aria-label="Move Summary down"]'),
    );
  });

  it('edits in place: rename, type, kind, required, list values', async () => {
    await render(learningPlatform(), 'Course');
    const price = attributeNamed(model, 'Course', 'Price');

    await type(
      row('Price').querySelector(
        'input[data-field="name"]',
      ) as HTMLInputElement,
      'List price',
      'change',
    );
    const typeSelect = row('List price').querySelector(
      'select[data-field="type"]',
    ) as HTMLSelectElement;
    typeSelect.value = 'currency';
    typeSelect.dispatchEvent(new Event('change'));
    await settle();
    row('List price')
      .querySelector<HTMLButtonElement>('[data-testid="attribute-kind"]')
      ?.click();
    await settle();
    row('List price')
      .querySelector<HTMLInputElement>('input[data-field="required"]')
      ?.click();
    await settle();
    await type(
      row('Level').querySelector(
        'input[data-field="listValues"]',
      ) as HTMLInputElement,
      'Beginner, Expert,  ',
      'change',
    );

    expect(changes.slice(0, 4)).toEqual([
      { kind: 'attribute.update', id: price.id, patch: { name: 'List price' } },
      { kind: 'attribute.update', id: price.id, patch: { type: 'currency' } },
      { kind: 'attribute.update', id: price.id, patch: { kind: 'core' } },
      { kind: 'attribute.update', id: price.id, patch: { required: false } },
    ]);
    expect(attributeNamed(model, 'Course', 'Level').listValues).toEqual([
      'Beginner',
      'Expert',
    ]);
    expect(row('List price').dataset['kind']).toBe('core');
  });

  it('refuses a name the object already has, and says so', async () => {
    await render(learningPlatform(), 'Course');
    const price = row('Price');
    await type(
      price.querySelector('input[data-field="name"]') as HTMLInputElement,
      'title',
      'change',
    );
    expect(changes).toEqual([]);
    // What was typed stays, next to why it was refused.
    expect(
      price.querySelector<HTMLInputElement>('input[data-field="name"]')?.value,
    ).toBe('title');
    expect(
      price
        .querySelector('input[data-field="name"]')
        ?.getAttribute('aria-invalid'),
    ).toBe('true');
    expect(price.querySelector('[role="alert"]')?.textContent).toContain(
      'Course already has an attribute named "Title"',
    );
  });

  it('adds one attribute by typing "name: type" and Enter', async () => {
    await render(learningPlatform(), 'Topic');
    const add = host.querySelector(
      '[data-testid="attribute-add"]',
    ) as HTMLInputElement;
    await type(add, 'Colour: list (Red, Blue) metadata', 'enter');

    expect(changes[0]).toMatchObject({
      kind: 'attribute.create',
      attribute: {
        objectId: objectNamed(model, 'Topic').id,
        name: 'Colour',
        type: 'list',
        kind: 'metadata',
        listValues: ['Red', 'Blue'],
      },
    });
    expect(names().at(-1)).toBe('Colour');
    expect(add.value).toBe('');
  });

  it('bulk-adds pasted lines after a preview, one create per line, skipping refused ones', async () => {
    await render(learningPlatform(), 'Review');
    host
      .querySelector<HTMLButtonElement>('[data-testid="attribute-bulk-open"]')
      ?.click();
    await settle();
    const text = host.querySelector(
      '[data-testid="attribute-bulk-text"]',
    ) as HTMLTextAreaElement;
    await type(
      text,
      [
        '- Headline: text required',
        '- Edited: bool metadata',
        '',
        '- Reviewer: reference Learner Profile',
        '- Headline',
        '- Mood: feelings',
      ].join('\n'),
      'input',
    );

    const preview = [
      ...host.querySelectorAll(
        '[data-testid="attribute-bulk-preview"] tbody tr',
      ),
    ];
    expect(preview).toHaveLength(5);
    expect(preview[1].textContent).toContain('boolean');
    expect(preview[1].textContent).toContain('Metadata');
    expect(preview[3].textContent).toContain('Skipped');
    expect(preview[4].textContent).toContain('"feelings" is not a type');
    const confirm = host.querySelector(
      '[data-testid="attribute-bulk-confirm"]',
    ) as HTMLButtonElement;
    expect(confirm.textContent?.trim()).toBe('Add 3 attributes');
    expect(changes).toEqual([]);

    confirm.click();
    await settle();
    expect(changes.map((c) => c.kind)).toEqual([
      'attribute.create',
      'attribute.create',
      'attribute.create',
    ]);
    const before = ranked('Review').slice(0, -3);
    expect(ranked('Review')).toEqual([
      ...before,
      'Headline',
      'Edited',
      'Reviewer',
    ]);
    expect(attributeNamed(model, 'Review', 'Reviewer').referencedObjectId).toBe(
      objectNamed(model, 'Learner Profile').id,
    );
    expect(attributeNamed(model, 'Review', 'Headline').required).toBe(true);
    expect(host.querySelector('[data-testid="attribute-bulk"]')).toBeNull();
  });

  it('deletes an attribute and reports focus on the attribute being edited', async () => {
    await render(learningPlatform(), 'Course');
    const title = attributeNamed(model, 'Course', 'Title');
    row('Title')
      .querySelector<HTMLInputElement>('input[data-field="name"]')
      ?.focus();
    expect(focuses.at(-1)).toEqual({
      kind: 'attribute',
      id: title.id,
      field: 'name',
    });

    row('Title')
      .querySelector<HTMLButtonElement>('[data-testid="attribute-delete"]')
      ?.click();
    await settle();
    expect(changes).toEqual([{ kind: 'attribute.delete', id: title.id }]);
    expect(names()).not.toContain('Title');
  });

  it('shows an attribute it is asked to show, switching object, with the cursor in its name', async () => {
    const m = learningPlatform();
    await render(m, null);
    const picked: string[] = [];
    fixture.componentInstance.objectSelect.subscribe((id) => picked.push(id));

    fixture.componentRef.setInput(
      'focusItem',
      attributeNamed(m, 'Review', 'Posted on').id,
    );
    await settle();
    await settle();

    expect(host.querySelector('h3')?.textContent).toContain('Review');
    expect((document.activeElement as HTMLInputElement).value).toBe(
      'Posted on',
    );
    expect(picked).toEqual([]);
  });

  it('turns several pasted lines in the add field into the paste box, to preview', async () => {
    await render(learningPlatform(), 'Topic');
    const add = host.querySelector(
      '[data-testid="attribute-add"]',
    ) as HTMLInputElement;
    const paste = (text: string) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'clipboardData', {
        value: {
          getData: (type: string) => (type === 'text/plain' ? text : ''),
        },
      });
      add.dispatchEvent(event);
      return event;
    };

    // One line is pasted into the field as usual.
    expect(paste('Colour').defaultPrevented).toBe(false);
    expect(host.querySelector('[data-testid="attribute-bulk"]')).toBeNull();

    expect(paste('Colour: text\nIcon: image\n').defaultPrevented).toBe(true);
    await settle();
    const box = host.querySelector<HTMLTextAreaElement>(
      '[data-testid="attribute-bulk-text"]',
    );
    expect(box?.value).toBe('Colour: text\nIcon: image\n');
    expect(document.activeElement).toBe(box);
    const preview = [
      ...host.querySelectorAll(
        '[data-testid="attribute-bulk-preview"] tbody tr',
      ),
    ].map((tr) => tr.querySelector('td')?.textContent?.trim());
    expect(preview).toEqual(['Colour', 'Icon']);
    expect(changes).toEqual([]);
  });

  it('lets viewers read but not edit, rank or add', async () => {
    await render(learningPlatform(), 'Course', true);
    expect(host.querySelector('[data-testid="attribute-add"]')).toBeNull();
    expect(host.querySelector('[data-testid="attribute-delete"]')).toBeNull();
    expect(host.querySelector('[cdkDragHandle], .handle')).toBeNull();
    host
      .querySelectorAll<HTMLInputElement>('.row input')
      .forEach((i) => expect(i.disabled).toBe(true));
  });

  it('teaches the next step: objects first, then the first attribute', async () => {
    await render(emptyModel(), null);
    const destinations: string[] = [];
    fixture.componentInstance.goTo.subscribe((d) => destinations.push(d));
    expect(host.textContent).toContain('Add objects first');
    host
      .querySelector<HTMLButtonElement>(
        '[data-testid="attributes-go-to-objects"]',
      )
      ?.click();
    expect(destinations).toEqual(['objects']);

    let m = learningPlatform();
    for (const a of Object.values(m.attributes))
      m = applyValid(m, { kind: 'attribute.delete', id: a.id });
    fixture.componentRef.setInput('model', m);
    await settle();
    expect(
      host.querySelector('[data-testid="attributes-empty"]')?.textContent,
    ).toContain('What does a Course show');
  });
});
