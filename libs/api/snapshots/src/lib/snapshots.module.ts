import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportModule } from '@orca/api/export';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { SnapshotEntity } from './entities/snapshot.entity';
import { SnapshotsController } from './snapshots.controller';
import { SnapshotsService } from './snapshots.service';

/** Named copies of a project's model: list, view, diff, export, restore as a new project. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SnapshotEntity]),
    ModelModule,
    ProjectsModule,
    ExportModule,
  ],
  controllers: [SnapshotsController],
  providers: [SnapshotsService],
  exports: [SnapshotsService],
})
export class SnapshotsModule {}
