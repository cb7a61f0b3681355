import { TestBed } from '@angular/core/testing';
import { RoleBadge } from './role-badge';

describe('RoleBadge', () => {
  it('names the role', async () => {
    const fixture = TestBed.createComponent(RoleBadge);
    fixture.componentRef.setInput('role', 'contributor');
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent?.trim()).toBe('contributor');
    expect(element.classList).toContain('role-contributor');
  });
});
