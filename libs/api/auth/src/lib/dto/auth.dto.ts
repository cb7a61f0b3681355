import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ApiTokenDto as ApiTokenContract,
  CreateApiTokenRequest,
  CreatedApiTokenDto as CreatedApiTokenContract,
  LoginRequest,
  RegisterRequest,
  UserDto as UserContract,
} from '@orca/shared/contracts';
import {
  describePasswordProblem,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@orca/shared/domain';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

@ValidatorConstraint({ name: 'passwordPolicy' })
class PasswordPolicy implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (
      typeof value === 'string' &&
      describePasswordProblem(value, { email: emailOf(args) }) === null
    );
  }

  defaultMessage(args: ValidationArguments): string {
    const value = args.value;
    if (typeof value !== 'string') return 'password must be a string';
    return (
      describePasswordProblem(value, { email: emailOf(args) }) ??
      'password is not acceptable'
    );
  }
}

function emailOf(args: ValidationArguments): string | undefined {
  const email = (args.object as { email?: unknown }).email;
  return typeof email === 'string' ? email : undefined;
}

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'ana@example.com', maxLength: 320 })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing your email.`,
  })
  @IsString()
  @Validate(PasswordPolicy)
  password!: string;

  @ApiProperty({ example: 'Ana Lima', minLength: 1, maxLength: 80 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(80)
  displayName!: string;
}

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'ana@example.com' })
  @Transform(normaliseEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class UserDto implements UserContract {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'CI export job', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    description: 'Days until the token expires; omit for no expiry.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class ApiTokenDto implements ApiTokenContract {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    description: 'The first characters of the token, to recognise it',
  })
  prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;
}

export class CreatedApiTokenDto
  extends ApiTokenDto
  implements CreatedApiTokenContract
{
  @ApiProperty({ description: 'The secret. Shown once: store it now.' })
  token!: string;
}
