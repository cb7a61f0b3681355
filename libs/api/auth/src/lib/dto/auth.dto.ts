import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ApiTokenDto as ApiTokenContract,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiTokenDto as CreatedApiTokenContract,
  LoginRequest,
  RegisterRequest,
  SessionDto as SessionContract,
  SessionStateDto as SessionStateContract,
  SignedOutSessionsDto as SignedOutSessionsContract,
  UpdateProfileRequest,
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
  ValidateIf,
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

export const EMAIL_MAX_LENGTH = 320;
export const DISPLAY_NAME_MAX_LENGTH = 80;

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'ana@example.com', maxLength: EMAIL_MAX_LENGTH })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing your email.`,
  })
  @IsString()
  @Validate(PasswordPolicy)
  password!: string;

  @ApiProperty({
    example: 'Ana Lima',
    minLength: 1,
    maxLength: DISPLAY_NAME_MAX_LENGTH,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
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

/** Present means "change it" (null is refused, not ignored); the rules are the sign-up form's. */
export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({
    example: 'Ana Lima',
    minLength: 1,
    maxLength: DISPLAY_NAME_MAX_LENGTH,
  })
  @ValidateIf((_object, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({
    example: 'ana@example.com',
    maxLength: EMAIL_MAX_LENGTH,
    description: 'A new email needs `currentPassword`.',
  })
  @ValidateIf((_object, value) => value !== undefined)
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email?: string;

  @ApiPropertyOptional({
    description: 'Required to change the email.',
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @IsNotEmpty({ message: 'currentPassword must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing your email, not the current one.`,
  })
  @IsString()
  @Validate(PasswordPolicy)
  newPassword!: string;
}

export class SessionStateDto implements SessionStateContract {
  @ApiProperty({
    type: UserDto,
    nullable: true,
    description: 'The signed-in person, or null for a signed-out visitor',
  })
  user!: UserDto | null;
}

export class SessionDto implements SessionContract {
  @ApiProperty({
    format: 'uuid',
    description: 'Public id of the session (not the cookie secret)',
  })
  id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Last use, to within five minutes',
  })
  lastSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ example: 'Chrome on Linux' }) device!: string;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ description: 'The session this request was made with' })
  current!: boolean;
}

export class SignedOutSessionsDto implements SignedOutSessionsContract {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Sessions signed out',
  })
  signedOut!: number;
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
