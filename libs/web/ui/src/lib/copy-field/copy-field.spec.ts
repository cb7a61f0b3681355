import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { CopyField } from './copy-field';

describe('CopyField', () => {
  const copied: string[] = [];
  let clipboardWorks = true;

  beforeEach(() => {
    copied.length = 0;
    clipboardWorks = true;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: Clipboard,
          useValue: {
            copy: (text: string) => {
              if (clipboardWorks) {
                copied.push(text);
              }
              return clipboardWorks;
            },
          },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(CopyField);
    fixture.componentRef.setInput('label', 'Invitation link');
    fixture.componentRef.setInput('fieldId', 'link');
    fixture.componentRef.setInput('testId', 'accept-url');
    fixture.componentRef.setInput('value', 'http://orca.test/invitations/abc');
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the value read-only and copies it when asked', async () => {
    const { fixture, element } = await render();
    const input = element.querySelector<HTMLInputElement>(
      '[data-testid="accept-url"]',
    );
    expect(input?.value).toBe('http://orca.test/invitations/abc');
    expect(input?.readOnly).toBe(true);

    element
      .querySelector<HTMLButtonElement>(
        'button[aria-label="Copy Invitation link"]',
      )
      ?.click();
    await fixture.whenStable();

    expect(copied).toEqual(['http://orca.test/invitations/abc']);
    expect(element.textContent).toContain('Copied to the clipboard.');
  });

  it('tells the person how to copy by hand when the clipboard refuses', async () => {
    clipboardWorks = false;
    const { fixture, element } = await render();

    element.querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();

    expect(element.textContent).toContain('press Ctrl+C');
  });
});
