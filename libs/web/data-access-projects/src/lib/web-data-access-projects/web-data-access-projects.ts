import { Component } from '@angular/core';

@Component({
  selector: 'lib-web-data-access-projects',
  imports: [],
  templateUrl: './web-data-access-projects.html',
  styleUrl: './web-data-access-projects.css',
})
export class WebDataAccessProjects {}
