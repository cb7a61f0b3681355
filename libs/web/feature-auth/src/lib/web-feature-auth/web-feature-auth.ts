import { Component } from '@angular/core';

@Component({
  selector: 'lib-web-feature-auth',
  imports: [],
  templateUrl: './web-feature-auth.html',
  styleUrl: './web-feature-auth.css',
})
export class WebFeatureAuth {}
