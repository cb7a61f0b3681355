import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ProblemException, validationFailed } from '@orca/api/core';
import { describePasswordProblem } from '@orca/shared/domain';
import type { EntityManager, Repository } from 'typeorm';
import type {
  ChangePasswordDto,
  RegisterDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto';
import { UserEntity } from './entities/user.entity';
import { PasswordService } from './password.service';

const UNIQUE_VIOLATION = '23505';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    createdAt: user.createdAt.toISOString(),
  };
}

const emailTaken = (detail = 'Sign in instead, or use another email.') =>
  new ProblemException(
    409,
    'email_taken',
    'An account with this email already exists',
    detail,
    [
      {
        field: 'email',
        message: 'An account with this email already exists.',
      },
    ],
  );

const EMAIL_TAKEN_BY_ANOTHER =
  'Another account uses this email address. Nothing was changed.';

/** A 400, not a 401: the session is fine, one field of the form is not. */
const wrongPassword = () =>
  new ProblemException(
    400,
    'wrong_password',
    'The current password is not right',
    'Nothing was changed. Type your current password again.',
    [
      {
        field: 'currentPassword',
        message: 'This is not your current password.',
      },
    ],
  );

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === UNIQUE_VIOLATION;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity)
    private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
  ) {}

  async register(input: RegisterDto): Promise<UserEntity> {
    if (await this.users.existsBy({ email: input.email })) throw emailTaken();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.users.save(
        this.users.create({
          email: input.email,
          displayName: input.displayName,
          passwordHash,
        }),
      );
    } catch (error) {
      // Two sign-ups racing for one address: the unique constraint decides.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /**
   * Changes the display name and/or email. A new email needs the current password (whoever holds
   * an unlocked laptop must not be able to take the account over), checked before anything else.
   */
  async updateProfile(
    userId: string,
    input: UpdateProfileDto,
  ): Promise<UserEntity> {
    const user = await this.requireUser(userId);
    const changes: Partial<Pick<UserEntity, 'displayName' | 'email'>> = {};
    if (
      input.displayName !== undefined &&
      input.displayName !== user.displayName
    )
      changes.displayName = input.displayName;
    if (input.email !== undefined && input.email !== user.email) {
      if (!input.currentPassword)
        throw validationFailed([
          {
            field: 'currentPassword',
            code: 'required',
            message: 'Enter your current password to change your email.',
          },
        ]);
      if (
        !(await this.passwords.verify(user.passwordHash, input.currentPassword))
      )
        throw wrongPassword();
      if (await this.users.existsBy({ email: input.email }))
        throw emailTaken(EMAIL_TAKEN_BY_ANOTHER);
      changes.email = input.email;
    }
    if (Object.keys(changes).length === 0) return user;
    try {
      await this.users.update({ id: userId }, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(EMAIL_TAKEN_BY_ANOTHER);
      throw error;
    }
    return this.requireUser(userId);
  }

  /**
   * Checks the current password, applies the policy to the new one, stores its argon2id hash.
   * `alsoWrite` runs in the same transaction (the sessions that end with the old password): a
   * failure anywhere leaves the old password and every session as they were.
   */
  async changePassword<T>(
    userId: string,
    input: ChangePasswordDto,
    alsoWrite: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const user = await this.requireUser(userId);
    if (
      !(await this.passwords.verify(user.passwordHash, input.currentPassword))
    )
      throw wrongPassword();
    const problem =
      input.newPassword === input.currentPassword
        ? 'Choose a password different from your current one.'
        : describePasswordProblem(input.newPassword, { email: user.email });
    if (problem)
      throw validationFailed([
        { field: 'newPassword', code: 'passwordPolicy', message: problem },
      ]);
    const passwordHash = await this.passwords.hash(input.newPassword);
    return this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id: userId }, { passwordHash });
      return alsoWrite(manager);
    });
  }

  /** The same answer, after the same work, for an unknown email and a wrong password. */
  async verifyCredentials(
    email: string,
    password: string,
  ): Promise<UserEntity | null> {
    const user = await this.users.findOneBy({ email });
    if (!user)
      return this.passwords.verifyAgainstNothing(password).then(() => null);
    return (await this.passwords.verify(user.passwordHash, password))
      ? user
      : null;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  private async requireUser(id: string): Promise<UserEntity> {
    const user = await this.findById(id);
    if (!user)
      throw new ProblemException(
        401,
        'unauthenticated',
        'Sign in required',
        'This account no longer exists.',
      );
    return user;
  }
}
