/** Where a page's data is: not asked for yet, on its way, shown, or failed to arrive. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';
