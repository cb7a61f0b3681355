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
    summary: 'Readiness: the database answers (and Redis, when configured)',
    description:
      'HTTP 503 when the database does not answer: this instance cannot serve. Redis down is ' +
      '`status: degraded` with HTTP 200: the instance serves without it (no shared cache, presence ' +
      'or fan-out to other instances) and should stay in the load balancer.',
    operationId: 'healthReady',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    description: 'The database is down (problem details name it)',
  })
  async ready(): Promise<HealthDto> {
    const redis = this.redis;
    // Both at once: an answer within one probe timeout (2 s) however many are down.
    const checks = await Promise.all([
      probe('database', () => this.dataSource.query('SELECT 1')),
      ...(redis ? [probe('redis', () => redis.ping())] : []),
    ]);
    const database = checks[0] as HealthCheck;
    if (database.status === 'down') {
      const down = checks.filter((check) => check.status === 'down');
      throw new ProblemException(
        503,
        'not_ready',
        'Not ready',
        down.map((check) => `${check.name}: ${check.error}`).join('; '),
      );
    }
    return {
      status: checks.every((check) => check.status === 'up')
        ? 'up'
        : 'degraded',
      checks,
    };
  }
}
