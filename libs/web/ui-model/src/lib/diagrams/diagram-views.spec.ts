import { deserialize, serialize } from 'node:v8';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { objectsInOrder, type ProjectModel } from '@orca/shared/domain';
import {
  objectMapLayout,
  systemGraphLayout,
  type MapNote,
} from '@orca/shared/diagrams';
import { learningPlatform, objectNamed } from '../../testing/models';
import { ObjectMapViewComponent } from './object-map-view';
import { SystemGraphViewComponent, type NodeMove } from './system-graph-view';

// jsdom hides Node's structuredClone, which dagre uses: the same algorithm, through v8.
globalThis.structuredClone ??= <T>(value: T): T =>
  deserialize(serialize(value)) as T;

/** jsdom has no PointerEvent; a MouseEvent with a pointer id reads the same to the views. */
function pointer(
  type: string,
  init: { x: number; y: number; id?: number },
): Event {
  const event = new MouseEvent(type, {
    bubbles: true,
    cancelable: true,
    clientX: init.x,
    clientY: init.y,
    button: 0,
  });
  Object.defineProperty(event, 'pointerId', { value: init.id ?? 1 });
  return event;
}

const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('SystemGraphViewComponent', () => {
  let fixture: ComponentFixture<SystemGraphViewComponent>;
  let host: HTMLElement;
  let model: ProjectModel;
  let moves: NodeMove[];
  let opened: string[];

  async function render(editable: boolean): Promise<void> {
    model = learningPlatform();
    fixture = TestBed.createComponent(SystemGraphViewComponent);
    fixture.componentRef.setInput('layout', systemGraphLayout(model));
    fixture.componentRef.setInput('editable', editable);
    moves = [];
    opened = [];
    fixture.componentInstance.nodeMove.subscribe((move) => moves.push(move));
    fixture.componentInstance.nodeOpen.subscribe((id) => opened.push(id));
    await fixture.whenStable();
    host = fixture.nativeElement as HTMLElement;
  }

  function node(name: string): SVGGElement {
    const found = host.querySelector<SVGGElement>(
      `[data-testid="graph-node"][data-name="${name}"]`,
    );
    if (!found) throw new Error(`No node ${name}`);
    return found;
  }

  it('draws every object as a node and every relationship as an arrow, one-way ones marked', async () => {
    await render(true);
    expect(
      [...host.querySelectorAll('[data-testid="graph-node"]')].map((n) =>
        n.getAttribute('data-name'),
      ),
    ).toEqual(objectsInOrder(model).map((o) => o.name));
    const edges = [...host.querySelectorAll('[data-testid="graph-edge"]')];
    expect(edges).toHaveLength(Object.keys(model.relationships).length);
    const oneWay = edges.filter(
      (e) => e.getAttribute('data-tone') === 'one-way',
    );
    expect(oneWay.length).toBeGreaterThan(0);
    for (const edge of oneWay) {
      const path = edge.querySelector('path');
      expect(path?.getAttribute('stroke-dasharray')).toBeTruthy();
      const marker =
        /url\(#(.+)\)/.exec(path?.getAttribute('marker-end') ?? '')?.[1] ?? '';
      expect(host.querySelector(`marker[id="${marker}"]`)).not.toBeNull();
    }
    expect(host.textContent).toContain('one way only');
    expect(node('Course').querySelector('text')?.textContent).toBe('Course');
    expect(node('Course').getAttribute('transform')).toMatch(
      /^translate\(-?[\d.]+ -?[\d.]+\)$/,
    );
  });

  it('moves a dragged node with the pointer and emits the move once, on drop', async () => {
    await render(true);
    const course = node('Course');
    const x = Number(course.getAttribute('data-x'));
    const y = Number(course.getAttribute('data-y'));
    const scale = Number(
      host.querySelector('svg.canvas')?.getAttribute('data-scale'),
    );
    course.dispatchEvent(pointer('pointerdown', { x: 100, y: 100 }));
    const canvas = host.querySelector('svg.canvas') as SVGSVGElement;
    canvas.dispatchEvent(pointer('pointermove', { x: 140, y: 120 }));
    canvas.dispatchEvent(pointer('pointermove', { x: 180, y: 160 }));
    await nextFrame();
    await fixture.whenStable();
    // Shown where the pointer is, nothing saved yet.
    expect(Number(node('Course').getAttribute('data-x'))).toBeCloseTo(
      x + 80 / scale,
      0,
    );
    expect(Number(node('Course').getAttribute('data-y'))).toBeCloseTo(
      y + 60 / scale,
      0,
    );
    expect(moves).toEqual([]);
    canvas.dispatchEvent(pointer('pointerup', { x: 180, y: 160 }));
    await fixture.whenStable();
    expect(moves).toEqual([
      {
        objectId: objectNamed(model, 'Course').id,
        position: {
          x: Math.round(x + 80 / scale),
          y: Math.round(y + 60 / scale),
        },
      },
    ]);
  });

  it('lets a viewer pan but not move nodes; a click is no move', async () => {
    await render(false);
    const course = node('Course');
    const before = course.getAttribute('transform');
    const canvas = host.querySelector('svg.canvas') as SVGSVGElement;
    const group = () =>
      canvas.querySelector(':scope > g')?.getAttribute('transform');
    const panBefore = group();
    course.dispatchEvent(pointer('pointerdown', { x: 100, y: 100 }));
    canvas.dispatchEvent(pointer('pointermove', { x: 160, y: 130 }));
    canvas.dispatchEvent(pointer('pointerup', { x: 160, y: 130 }));
    await nextFrame();
    await fixture.whenStable();
    expect(moves).toEqual([]);
    expect(node('Course').getAttribute('transform')).toBe(before);
    expect(group()).not.toBe(panBefore);

    node('Course').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }),
    );
    expect(moves).toEqual([]);
    node('Course').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
    );
    expect(opened).toEqual([objectNamed(model, 'Course').id]);
  });

  it('moves a focused node with the arrow keys, for those who do not drag', async () => {
    await render(true);
    const course = node('Course');
    const x = Number(course.getAttribute('data-x'));
    const y = Number(course.getAttribute('data-y'));
    course.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'ArrowDown',
        bubbles: true,
        shiftKey: true,
      }),
    );
    expect(moves).toEqual([
      {
        objectId: objectNamed(model, 'Course').id,
        position: { x: Math.round(x), y: Math.round(y + 50) },
      },
    ]);
  });

  it('zooms in and out with the buttons and the wheel', async () => {
    await render(true);
    const level = () =>
      host.querySelector('[data-testid="zoom-level"]')?.textContent?.trim();
    const start = level();
    (
      host.querySelector('[data-testid="zoom-in"]') as HTMLButtonElement
    ).click();
    await fixture.whenStable();
    expect(level()).not.toBe(start);
    const canvas = host.querySelector('svg.canvas') as SVGSVGElement;
    const scale = Number(canvas.getAttribute('data-scale'));
    canvas.dispatchEvent(
      new WheelEvent('wheel', { deltaY: 200, bubbles: true, cancelable: true }),
    );
    await fixture.whenStable();
    expect(Number(canvas.getAttribute('data-scale'))).toBeLessThan(scale);
  });
});

describe('ObjectMapViewComponent', () => {
  it('draws a column of notes per object in the OOUX colours, and opens what a note stands for', async () => {
    const model = learningPlatform();
    const fixture = TestBed.createComponent(ObjectMapViewComponent);
    fixture.componentRef.setInput('layout', objectMapLayout(model));
    const opened: MapNote[] = [];
    fixture.componentInstance.noteOpen.subscribe((note) => opened.push(note));
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const columns = [...host.querySelectorAll('[data-testid="map-column"]')];
    expect(columns.map((c) => c.getAttribute('data-name'))).toEqual(
      objectsInOrder(model).map((o) => o.name),
    );
    const course = columns[0] as Element;
    const fill = (kind: string) =>
      course
        .querySelector(`[data-kind="${kind}"] .box`)
        ?.getAttribute('fill')
        ?.toUpperCase();
    expect(fill('core')).toBe('#FFF2CC');
    expect(fill('metadata')).toBe('#F4CCCC');
    expect(fill('cta')).toBe('#D9EAD3');
    expect(
      course.querySelectorAll('[data-kind="cta"][data-primary="true"] polygon')
        .length,
    ).toBeGreaterThan(0);

    const nested = course.querySelector<SVGGElement>(
      '[data-kind="nested"][data-text="Lesson"]',
    );
    nested?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(opened.map((n) => n.targetObjectId)).toEqual([
      objectNamed(model, 'Lesson').id,
    ]);
    nested?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
    );
    expect(opened).toHaveLength(2);
  });
});
