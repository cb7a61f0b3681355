import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from '@orca/shared/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'password' }) field!: string;
  @ApiProperty({ example: 'Password must be at least 10 characters long.' })
  message!: string;
  @ApiPropertyOptional({ example: 'isStrongPassword' }) code?: string;
}

export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({ example: 'https://orca.dev/problems/validation-failed' })
  type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({
    example: 'validation_failed',
    description: 'Stable, machine-readable error code',
  })
  code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

/** Documents problem responses (application/problem+json) for the given status codes. */
export function ApiProblems(...statuses: Array<[number, string]>) {
  return applyDecorators(
    ...statuses.map(([status, description]) =>
      ApiResponse({
        status,
        description,
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
          },
        },
      }),
    ),
  );
}
