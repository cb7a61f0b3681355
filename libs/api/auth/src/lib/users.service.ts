import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ProblemException } from '@orca/api/core';
import type { Repository } from 'typeorm';
import type { RegisterDto, UserDto } from './dto/auth.dto';
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

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity)
    private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
  ) {}

  async register(input: RegisterDto): Promise<UserEntity> {
    const emailTaken = () =>
      new ProblemException(
        409,
        'email_taken',
        'An account with this email already exists',
        'Sign in instead, or use another email.',
        [
          {
            field: 'email',
            message: 'An account with this email already exists.',
          },
        ],
      );
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
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw emailTaken();
      throw error;
    }
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
}
