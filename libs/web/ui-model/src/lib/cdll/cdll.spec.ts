import { type Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import {
  type CdllPreview,
  type ProjectModel,
  applyChange,
  attributesOf,
  cdllPreviews,
  newAttribute,
  nowOnly,
  orderKeyAtEnd,
  queryInstances,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import {
  attributeNamed,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { CdllCardComponent } from './cdll-card';
import { CdllDetailComponent } from './cdll-detail';
import { CdllLandingComponent, plainMarkdown } from './cdll-landing';
import { CdllListComponent } from './cdll-list';

function previewOf(model: ProjectModel, name: string): CdllPreview {
  const found = cdllPreviews(model).find((p) => p.entry.object.name === name);
  if (!found) throw new Error(`No preview of ${name}`);
  return found;
}

interface Rendered<C> {
  fixture: ComponentFixture<C>;
  host: HTMLElement;
  settle: () => Promise<void>;
}

async function render<C>(
  component: Type<C>,
  inputs: Record<string, unknown>,
): Promise<Rendered<C>> {
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs))
    fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  return {
    fixture,
    host: fixture.nativeElement as HTMLElement,
    settle: () => fixture.whenStable(),
  };
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const all = (root: ParentNode, selector: string) => [
  ...root.querySelectorAll<HTMLElement>(selector),
];
const attributesShown = (root: ParentNode, testId: string) =>
  all(root, `[data-testid="${testId}"][data-attribute]`).map((e) =>
    e.getAttribute('data-attribute'),
  );

function choose(select: HTMLSelectElement | null, label: string): void {
  if (!select) throw new Error('No select');
  const option = [...select.options].find((o) => text(o) === label);
  if (!option) throw new Error(`No option ${label}`);
  select.value = option.value;
  select.dispatchEvent(new Event('change'));
}

describe('CDLL previews', () => {
  const model = learningPlatform();
  const course = previewOf(model, 'Course');

  describe('CdllCardComponent', () => {
    it('shows the name and the top core attributes, the title being the name', async () => {
      const { host } = await render(CdllCardComponent, { preview: course });

      const name = host.querySelector('[data-testid="cdll-card-name"]');
      expect(text(name)).toBe('Intro to Watercolor');
      expect(name?.getAttribute('data-attribute')).toBe('Title');
      expect(attributesShown(host, 'cdll-card-attribute').sort()).toEqual(
        ['Cover image', 'Summary'].sort(),
      );
      expect(text(host)).toContain('Summary of Intro to Watercolor');
      expect(
        host.querySelector('[role="img"]')?.getAttribute('aria-label'),
      ).toBe('Cover image of Intro to Watercolor');
      // Metadata belongs to the List's cards, not to the card on its own.
      expect(
        host.querySelector('[data-testid="cdll-card-metadata"]'),
      ).toBeNull();
      expect(text(host.querySelector('.sk-button'))).toBe('Enroll in');
    });

    it('shows the metadata as chips when it is in a List', async () => {
      const { host } = await render(CdllCardComponent, {
        preview: course,
        instance: course.instances[1],
        showMetadata: true,
      });
      expect(text(host.querySelector('[data-testid="cdll-card-name"]'))).toBe(
        'SQL for Analysts',
      );
      expect(attributesShown(host, 'cdll-card-metadata')).toEqual([
        'Level',
        'Duration (hours)',
        'Price',
        'Published on',
        'Average rating',
      ]);
      const level =
        course.instances[1]?.values[attributeNamed(model, 'Course', 'Level').id]
          ?.text;
      expect(text(host.querySelector('[data-attribute="Level"]'))).toBe(
        `Level ${level}`,
      );
    });

    it('says so when there is no core content to show', async () => {
      const b = applyChange(model, {
        kind: 'attribute.delete',
        id: attributeNamed(model, 'Topic', 'Name').id,
      }).model;
      const bare = applyChange(b, {
        kind: 'attribute.delete',
        id: attributeNamed(b, 'Topic', 'Description').id,
      }).model;
      const { host } = await render(CdllCardComponent, {
        preview: previewOf(bare, 'Topic'),
      });
      expect(text(host)).toContain('No core content to show yet');
    });

    it('marks core content in its OOUX colour only when annotated', async () => {
      const { host, fixture, settle } = await render(CdllCardComponent, {
        preview: course,
      });
      expect(host.classList).not.toContain('annotated');
      fixture.componentRef.setInput('annotate', true);
      await settle();
      expect(host.classList).toContain('annotated');
    });
  });

  describe('CdllDetailComponent', () => {
    it('shows all core content, the metadata as facts and the primary CTAs as buttons', async () => {
      const { host } = await render(CdllDetailComponent, { preview: course });

      expect(text(host.querySelector('[data-testid="cdll-detail-name"]'))).toBe(
        'Intro to Watercolor',
      );
      const shown = [
        host
          .querySelector('[data-testid="cdll-detail-name"]')
          ?.getAttribute('data-attribute'),
        ...attributesShown(host, 'cdll-detail-core'),
      ];
      expect(shown.sort()).toEqual(course.entry.core.map((a) => a.name).sort());
      expect(attributesShown(host, 'cdll-detail-metadata')).toEqual(
        course.entry.metadata.map((a) => a.name),
      );
      const primary = all(host, '[data-testid="cdll-primary-cta"]');
      // Create makes a new Course: it is the List's and the Landing's, not an instance's.
      expect(primary.map(text)).toEqual(['Enroll in', 'Publish']);
      expect(primary.every((b) => b.tagName === 'BUTTON')).toBe(true);
      const who = host.querySelector(
        `#${primary[0]?.getAttribute('aria-describedby')}`,
      );
      expect(text(who)).toBe('Learner');
      expect(all(host, '[data-testid="cdll-secondary-cta"]').map(text)).toEqual(
        ['Browse', 'Archive'],
      );
      expect(
        host.querySelector('[data-testid="cdll-address"]')?.textContent,
      ).toBe('/courses/intro-to-watercolor');
    });

    it('says who has a CTA and what it needs when it is pressed', async () => {
      const { host, settle } = await render(CdllDetailComponent, {
        preview: course,
      });
      const enroll = all(host, '[data-testid="cdll-primary-cta"]')[0];
      enroll?.click();
      await settle();
      const note = host.querySelector('[data-testid="cdll-cta-note"]');
      expect(text(note)).toContain('Learner can Enroll in a Course');
      expect(text(note)).toContain(
        'before: Course is Published; learner not already enrolled',
      );
      expect(enroll?.getAttribute('aria-pressed')).toBe('true');

      enroll?.click();
      await settle();
      expect(host.querySelector('[data-testid="cdll-cta-note"]')).toBeNull();
    });

    it('lists nested objects: several for many, one for one, and follows those someone can act on', async () => {
      const { host, fixture, settle } = await render(CdllDetailComponent, {
        preview: course,
      });
      const opened: string[] = [];
      fixture.componentInstance.openObject.subscribe((id) => opened.push(id));

      const nested = all(host, '[data-testid="cdll-nested"]');
      expect(nested.map((n) => n.getAttribute('data-object'))).toEqual(
        course.nested.map((n) => n.object.name),
      );
      const lessons = nested.find(
        (n) => n.getAttribute('data-object') === 'Lesson',
      );
      expect(text(lessons?.querySelector('.nested-title'))).toBe('Lessons');
      expect(
        all(lessons as HTMLElement, '[data-testid="cdll-nested-item"]').map(
          text,
        ),
      ).toEqual(['Mixing colours', 'JOINs', 'Lesson 3']);

      const instructor = nested.find(
        (n) => n.getAttribute('data-object') === 'Instructor Profile',
      );
      expect(
        all(instructor as HTMLElement, '[data-testid="cdll-nested-item"]').map(
          text,
        ),
      ).toEqual(['Prof. Lee']);
      // Nobody has a CTA on an Instructor Profile: its item leads nowhere.
      expect(instructor?.querySelector('button')).toBeNull();
      expect(text(instructor)).toContain(
        'Nobody has a CTA on Instructor Profile',
      );

      lessons?.querySelector('button')?.click();
      await settle();
      expect(opened).toEqual([objectNamed(model, 'Lesson').id]);
    });

    it('shows where the content is missing', async () => {
      const b = applyChange(model, {
        kind: 'attribute.delete',
        id: attributeNamed(model, 'Topic', 'Name').id,
      }).model;
      const bare = applyChange(b, {
        kind: 'attribute.delete',
        id: attributeNamed(b, 'Topic', 'Description').id,
      }).model;
      const { host } = await render(CdllDetailComponent, {
        preview: previewOf(bare, 'Topic'),
      });
      expect(text(host)).toContain(
        'No core content: the detail has nothing to show but a name.',
      );
      expect(text(host)).toContain('No metadata');
    });
  });

  describe('CdllListComponent', () => {
    const names = (host: HTMLElement) =>
      all(host, '[data-testid="cdll-list-item"]').map((i) =>
        i.getAttribute('data-instance'),
      );
    const sortSelect = (host: HTMLElement) =>
      host.querySelector<HTMLSelectElement>('[data-testid="cdll-list-sort"]');
    const filterSelect = (host: HTMLElement, attribute: string) =>
      host.querySelector<HTMLSelectElement>(
        `[data-testid="cdll-list-filter"][data-attribute="${attribute}"]`,
      );

    it('shows the sample instances as cards with their metadata', async () => {
      const { host } = await render(CdllListComponent, { preview: course });
      expect(names(host)).toEqual(course.instances.map((i) => i.name));
      expect(
        all(host, '[data-testid="cdll-card-metadata"]').length,
      ).toBeGreaterThan(0);
      expect(text(host.querySelector('[data-testid="cdll-list-count"]'))).toBe(
        '6 courses',
      );
      expect(text(host.querySelector('[data-testid="cdll-list-cta"]'))).toBe(
        'Create',
      );
    });

    it('sorts by a metadata attribute, both ways', async () => {
      const { host, settle } = await render(CdllListComponent, {
        preview: course,
      });
      const price = attributeNamed(model, 'Course', 'Price').id;
      choose(sortSelect(host), 'Price: low to high');
      await settle();
      const expected = queryInstances(course.instances, course.controls, {
        sort: `${price}:ascending`,
      }).map((i) => i.name);
      expect(names(host)).toEqual(expected);
      expect(names(host)).not.toEqual(course.instances.map((i) => i.name));

      choose(sortSelect(host), 'Price: high to low');
      await settle();
      expect(names(host)).toEqual([...expected].reverse());
      expect(
        host.querySelector('[data-testid="cdll-address"]')?.textContent,
      ).toBe('/courses/all?sort=price-high-to-low');
    });

    it('filters by a metadata attribute, says how many are left, and clears', async () => {
      const { host, settle } = await render(CdllListComponent, {
        preview: course,
      });
      const level = attributeNamed(model, 'Course', 'Level').id;
      choose(filterSelect(host, 'Level'), 'Advanced');
      await settle();

      const advanced = course.instances
        .filter((i) => i.values[level]?.text === 'Advanced')
        .map((i) => i.name);
      expect(names(host)).toEqual(advanced);
      expect(text(host.querySelector('[data-testid="cdll-list-count"]'))).toBe(
        `${advanced.length} of 6 courses`,
      );
      expect(
        host.querySelector('[data-testid="cdll-address"]')?.textContent,
      ).toBe('/courses/all?level=advanced');

      (
        host.querySelector('[data-testid="cdll-list-clear"]') as HTMLElement
      ).click();
      await settle();
      expect(names(host)).toHaveLength(6);
      expect(filterSelect(host, 'Level')?.value).toBe('');
    });

    it('says so when no instance matches, with a way back', async () => {
      const { host, settle } = await render(CdllListComponent, {
        preview: course,
      });
      const level = attributeNamed(model, 'Course', 'Level').id;
      const duration = attributeNamed(model, 'Course', 'Duration (hours)').id;
      // Pick a Level and a Duration band no sample has together.
      const control = course.controls.filters.find(
        (f) => f.attribute.id === duration,
      );
      const levelControl = course.controls.filters.find(
        (f) => f.attribute.id === level,
      );
      const miss = levelControl?.options
        .flatMap((l) => (control?.options ?? []).map((d) => [l, d] as const))
        .find(
          ([l, d]) =>
            queryInstances(course.instances, course.controls, {
              filters: { [level]: l.id, [duration]: d.id },
            }).length === 0,
        );
      if (!miss) throw new Error('Every combination matches something');
      choose(filterSelect(host, 'Level'), miss[0].label);
      choose(filterSelect(host, 'Duration (hours)'), miss[1].label);
      await settle();
      expect(names(host)).toEqual([]);
      expect(
        text(host.querySelector('[data-testid="cdll-list-empty"]')),
      ).toContain('No courses match these filters.');
    });

    it('keeps what is picked across live edits, and drops a pick the model no longer offers', async () => {
      const { host, fixture, settle } = await render(CdllListComponent, {
        preview: course,
      });
      choose(filterSelect(host, 'Level'), 'Beginner');
      choose(sortSelect(host), 'Price: low to high');
      await settle();
      const before = names(host);

      // Someone adds an attribute: the choices stay.
      const edited = applyChange(model, {
        kind: 'attribute.create',
        attribute: newAttribute({
          id: testId('a-new'),
          objectId: objectNamed(model, 'Course').id,
          name: 'Language',
          type: 'text',
          orderKey: orderKeyAtEnd(
            attributesOf(model, objectNamed(model, 'Course').id),
          ),
        }),
      }).model;
      fixture.componentRef.setInput('preview', previewOf(edited, 'Course'));
      await settle();
      expect(names(host)).toEqual(before);

      // Someone deletes Level: its filter goes, and so does the filtering.
      const withoutLevel = applyChange(edited, {
        kind: 'attribute.delete',
        id: attributeNamed(edited, 'Course', 'Level').id,
      }).model;
      fixture.componentRef.setInput(
        'preview',
        previewOf(withoutLevel, 'Course'),
      );
      await settle();
      expect(filterSelect(host, 'Level')).toBeNull();
      expect(names(host)).toHaveLength(6);
      expect(sortSelect(host)?.value).toContain(':ascending');
    });

    it('has no controls, and says why, when the object has no metadata', async () => {
      const { host } = await render(CdllListComponent, {
        preview: previewOf(model, 'Topic'),
      });
      expect(host.querySelector('[data-testid="cdll-list-sort"]')).toBeNull();
      expect(
        text(host.querySelector('[data-testid="cdll-list-no-controls"]')),
      ).toBe(
        'No sort or filter: Topic has no metadata people could sort or filter by.',
      );
    });
  });

  describe('CdllLandingComponent', () => {
    it('greets with the plural, the definition, the create CTA, a way in by Level and featured cards', async () => {
      const { host } = await render(CdllLandingComponent, { preview: course });
      expect(
        text(host.querySelector('[data-testid="cdll-landing-title"]')),
      ).toBe('Courses');
      expect(
        text(host.querySelector('[data-testid="cdll-landing-intro"]')),
      ).toBe(
        'A structured sequence of lessons that teaches one subject, owned by an instructor.',
      );
      expect(text(host.querySelector('[data-testid="cdll-landing-cta"]'))).toBe(
        'Create',
      );
      expect(
        all(host, '[data-testid="cdll-landing-browse"]').map(text),
      ).toEqual(['Beginner', 'Intermediate', 'Advanced']);
      expect(all(host, '[data-testid="cdll-card"]')).toHaveLength(3);
    });

    it('shows where the definition is missing', async () => {
      const edited = applyChange(model, {
        kind: 'object.update',
        id: objectNamed(model, 'Topic').id,
        patch: { definition: '' },
      }).model;
      const { host } = await render(CdllLandingComponent, {
        preview: previewOf(nowOnly(edited), 'Topic'),
      });
      expect(
        host.querySelector('[data-testid="cdll-landing-intro"]'),
      ).toBeNull();
      expect(text(host)).toContain('No definition yet');
      expect(
        host.querySelector('[data-testid="cdll-landing-cta"]'),
      ).not.toBeNull();
    });
  });

  it('reads a line of Markdown as plain words', () => {
    expect(
      plainMarkdown(
        'A **taught** _series_ with a [syllabus](https://x.org) and `code`',
      ),
    ).toBe('A taught series with a syllabus and code');
    expect(plainMarkdown('- has lessons')).toBe('has lessons');
  });
});
