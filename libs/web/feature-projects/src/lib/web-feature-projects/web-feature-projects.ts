import { Component } from '@angular/core';

@Component({
  selector: 'lib-web-feature-projects',
  imports: [],
  templateUrl: './web-feature-projects.html',
  styleUrl: './web-feature-projects.css',
})
export class WebFeatureProjects {}
