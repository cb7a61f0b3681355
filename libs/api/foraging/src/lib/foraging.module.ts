import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelModule } from '@orca/api/model';
import { ForagingSourceEntity } from './entities/foraging-source.entity';
import { ForagingController } from './foraging.controller';
import { ForagingService } from './foraging.service';
import { ForagingWorkers } from './worker/foraging-workers';

/**
 * Noun foraging: research sources, the tagging pipeline (in worker threads: `FORAGING_THREADS`,
 * `FORAGING_QUEUE`, `FORAGING_TIMEOUT_MS`, `FORAGING_MEMORY_MB`, `FORAGING_WORKER_FILE`) and the
 * ranked candidates. `ForagingService` is exported so the collaboration gateway can tell a
 * project's room about new and removed sources (`changes$`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ForagingSourceEntity]), ModelModule],
  controllers: [ForagingController],
  providers: [ForagingService, ForagingWorkers],
  exports: [ForagingService],
})
export class ForagingModule {}
