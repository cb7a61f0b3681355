import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// jsdom lays nothing out and cannot scroll; the NOM's virtual scroll viewport (CDK) calls scrollTo.
if (typeof Element.prototype.scrollTo !== 'function') {
  Object.defineProperty(Element.prototype, 'scrollTo', {
    configurable: true,
    value(this: Element, options?: ScrollToOptions): void {
      if (options?.top !== undefined) this.scrollTop = options.top;
      if (options?.left !== undefined) this.scrollLeft = options.left;
    },
  });
}
