import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="card">
      <h1>Page not found</h1>
      <p>The address may be mistyped, or the page may have moved.</p>
      <a class="btn btn-primary" routerLink="/projects">Go to your projects</a>
    </div>
  `,
})
export class NotFoundPage {}
