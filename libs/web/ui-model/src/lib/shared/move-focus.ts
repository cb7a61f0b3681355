import { type Injector, afterNextRender } from '@angular/core';

/**
 * After an item moved up or down with its ↑ / ↓ button, puts the focus back on that button (or on
 * the other one when the move disabled it, at the top or the bottom). The list moves the item's
 * elements to their new place, which drops the focus: without this, a second press would do
 * nothing and a keyboard user would have to find the item again.
 */
export function refocusMoveButton(
  host: HTMLElement,
  itemSelector: string,
  direction: 'up' | 'down',
  injector: Injector,
): void {
  afterNextRender(
    () => {
      const item = host.querySelector(itemSelector);
      const button = (to: 'up' | 'down') =>
        item?.querySelector<HTMLButtonElement>(`[data-move="${to}"]`);
      const other = direction === 'up' ? 'down' : 'up';
      const target = [button(direction), button(other)].find(
        (b) => b && !b.disabled,
      );
      target?.focus();
    },
    { injector },
  );
}
