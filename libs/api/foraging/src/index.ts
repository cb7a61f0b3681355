export * from './lib/foraging.module';
export * from './lib/foraging.service';
export * from './lib/entities/foraging-source.entity';
export * from './lib/dto/foraging.dto';
export { analyseSource } from './lib/pipeline/analyse';
export { rankCandidates } from './lib/pipeline/rank';
