import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthCheck {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional() error?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ type: [HealthCheck] }) checks!: HealthCheck[];
}
