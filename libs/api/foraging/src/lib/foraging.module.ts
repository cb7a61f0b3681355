import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelModule } from '@orca/api/model';
import { ForagingSourceEntity } from './entities/foraging-source.entity';
import { ForagingController } from './foraging.controller';
import { ForagingService } from './foraging.service';

/** Noun foraging: research sources, the tagging pipeline and the ranked candidates. */
@Module({
  imports: [TypeOrmModule.forFeature([ForagingSourceEntity]), ModelModule],
  controllers: [ForagingController],
  providers: [ForagingService],
  exports: [ForagingService],
})
export class ForagingModule {}
