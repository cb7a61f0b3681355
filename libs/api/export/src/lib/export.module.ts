import { Module } from '@nestjs/common';
import { MetricsModule } from '@orca/api/metrics';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { CsvImportController } from './csv-import/csv-import.controller';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

/**
 * Exports (every format, in worker threads) and CSV import into a project. `ExportService` is
 * exported so the collaboration gateway can forward `progress$` and call `cancel()`, and so
 * snapshots export like projects. Threads and the worker file come from the app's config
 * (`EXPORT_THREADS`, `EXPORT_WORKER_FILE`).
 */
@Module({
  imports: [ModelModule, ProjectsModule, MetricsModule],
  controllers: [ExportController, CsvImportController],
  providers: [ExportService],
  exports: [ExportService],
})
export class ExportModule {}
