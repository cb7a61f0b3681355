import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthCheck {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional() error?: string;
}

export class HealthDto {
  /** `degraded`: serving, without something optional (Redis). */
  @ApiProperty({ enum: ['up', 'degraded'] }) status!: 'up' | 'degraded';
  @ApiProperty({ type: [HealthCheck] }) checks!: HealthCheck[];
}
