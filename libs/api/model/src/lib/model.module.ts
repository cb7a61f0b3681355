import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricsModule } from '@orca/api/metrics';
import { ProjectsModule } from '@orca/api/projects';
import { BulkController } from './bulk.controller';
import { ChangePipeline } from './change-pipeline.service';
import { CheckSettings } from './check-settings.service';
import { ChangeRow } from './entities/change-row.entity';
import {
  AttributeRow,
  CtaRow,
  ObjectRow,
  RelationshipRow,
  RoleRow,
} from './entities/model-rows';
import { ImportController } from './import.controller';
import { ITEMS_CONTROLLERS } from './items.controllers';
import { ModelController } from './model.controller';
import { ModelHistory } from './model-history.service';
import { ModelStore } from './model.store';

/** The ORCA model engine: the one write path, the model's tables and log, and its REST surface. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ObjectRow,
      RoleRow,
      RelationshipRow,
      AttributeRow,
      CtaRow,
      ChangeRow,
    ]),
    ProjectsModule,
    MetricsModule,
  ],
  // ImportController first: `projects/import` must not be taken for a project id.
  controllers: [
    ImportController,
    ModelController,
    BulkController,
    ...ITEMS_CONTROLLERS,
  ],
  providers: [ModelStore, ChangePipeline, ModelHistory, CheckSettings],
  exports: [ChangePipeline, ModelHistory],
})
export class ModelModule {}
