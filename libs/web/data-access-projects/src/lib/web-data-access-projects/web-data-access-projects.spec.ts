import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebDataAccessProjects } from './web-data-access-projects';

describe('WebDataAccessProjects', () => {
  let component: WebDataAccessProjects;
  let fixture: ComponentFixture<WebDataAccessProjects>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebDataAccessProjects],
    }).compileComponents();

    fixture = TestBed.createComponent(WebDataAccessProjects);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
