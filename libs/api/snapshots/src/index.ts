export * from './lib/snapshots.module';
export * from './lib/snapshots.service';
export * from './lib/entities/snapshot.entity';
export * from './lib/dto/snapshots.dto';
