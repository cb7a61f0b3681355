import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ApiTokenEntity } from './entities/api-token.entity';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { PasswordService } from './password.service';
import { PrincipalResolver } from './principal-resolver';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/** Accounts, sessions, API tokens and the global guard every route passes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, ApiTokenEntity]),
  ],
  controllers: [AuthController, SessionsController, ApiTokensController],
  providers: [
    PasswordService,
    UsersService,
    SessionsService,
    ApiTokensService,
    PrincipalResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    UsersService,
    SessionsService,
    ApiTokensService,
    PrincipalResolver,
    TypeOrmModule,
  ],
})
export class AuthModule {}
