export * from './lib/model.module';
export * from './lib/change-pipeline.service';
export * from './lib/model-history.service';
export * from './lib/model.store';
export { ProjectModelDoc } from './lib/dto/model.dto';
