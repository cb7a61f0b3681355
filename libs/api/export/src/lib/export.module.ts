import { type DynamicModule, Module } from '@nestjs/common';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { CsvImportController } from './csv-import/csv-import.controller';
import { ExportController } from './export.controller';
import {
  EXPORT_OPTIONS,
  type ExportModuleOptions,
  ExportService,
} from './export.service';

/**
 * Exports (every format, in worker threads) and CSV import into a project. `ExportService` is
 * exported so the collaboration gateway can forward `progress$` and call `cancel()`.
 */
@Module({
  imports: [ModelModule, ProjectsModule],
  controllers: [ExportController, CsvImportController],
  providers: [ExportService, { provide: EXPORT_OPTIONS, useValue: {} }],
  exports: [ExportService],
})
export class ExportModule {
  /** The module with another worker file or thread count (tests use a freshly built worker). */
  static withOptions(options: ExportModuleOptions): DynamicModule {
    return {
      module: ExportModule,
      providers: [{ provide: EXPORT_OPTIONS, useValue: options }],
    };
  }
}
