import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatureProjects } from './web-feature-projects';

describe('WebFeatureProjects', () => {
  let component: WebFeatureProjects;
  let fixture: ComponentFixture<WebFeatureProjects>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatureProjects],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatureProjects);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
