import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@orca/api/auth';
import { type AppConfig, CoreModule } from '@orca/api/core';
import { CollaborationModule } from '@orca/api/collaboration';
import { ExportModule } from '@orca/api/export';
import { ForagingModule } from '@orca/api/foraging';
import { MetricsModule } from '@orca/api/metrics';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { SnapshotsModule } from '@orca/api/snapshots';

/** The composition root: infrastructure plus every feature module. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        AuthModule,
        ProjectsModule,
        ModelModule,
        CollaborationModule,
        SnapshotsModule,
        ExportModule,
        ForagingModule,
        MetricsModule,
      ],
    };
  }
}
