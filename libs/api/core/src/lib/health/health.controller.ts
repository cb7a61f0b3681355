import {
  Controller,
  Get,
  HttpCode,
  Inject,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../config/tokens';
import type { RedisConnection } from '../cache/redis.provider';
import { ProblemException } from '../http/problem.exception';
import { Public } from '../http/public.decorator';
import { HealthDto, type HealthCheck } from './health.dto';

async function probe(
  name: string,
  check: () => Promise<unknown>,
): Promise<HealthCheck> {
  const started = Date.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out after 2 s')), 2000),
      ),
    ]);
    return { name, status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return {
      name,
      status: 'down',
      latencyMs: Date.now() - started,
      error: (error as Error).message,
    };
  }
}

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: RedisConnection | null,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Liveness: the process is up',
    operationId: 'healthLive',
  })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'up', checks: [] };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database (and Redis, when configured) answer',
    operationId: 'healthReady',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (problem details name it)',
  })
  async ready(): Promise<HealthDto> {
    const checks = [
      await probe('database', () => this.dataSource.query('SELECT 1')),
    ];
    const redis = this.redis;
    if (redis) checks.push(await probe('redis', () => redis.ping()));
    const result: HealthDto = {
      status: checks.every((check) => check.status === 'up') ? 'up' : 'down',
      checks,
    };
    if (result.status === 'down') {
      const down = checks.filter((check) => check.status === 'down');
      throw new ProblemException(
        503,
        'not_ready',
        'Not ready',
        down.map((check) => `${check.name}: ${check.error}`).join('; '),
      );
    }
    return result;
  }
}
