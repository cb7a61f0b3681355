import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@orca/shared/contracts';
import { ValidateIf } from 'class-validator';
import { validationFailed } from './problem.exception';

/** Flattens class-validator's nested errors into one entry per field, with a dotted path. */
export function toFieldErrors(
  errors: ValidationError[],
  parent = '',
): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(
      error.constraints ?? {},
    )) {
      result.push({
        field,
        code: constraint,
        message:
          constraint === 'whitelistValidation'
            ? `${field} is not a known field`
            : message,
      });
    }
    if (error.children?.length)
      result.push(...toFieldErrors(error.children, field));
  }
  return result;
}

/**
 * An optional field that is not nullable: left out, its rules are skipped; sent as `null`, it is
 * checked like any other value (and refused by `@IsString()` and the like). class-validator's
 * `@IsOptional()` lets `null` through to a NOT NULL column.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Unknown fields are refused (not silently dropped), types are checked, errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toFieldErrors(errors)),
  });
}
