import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { Subject } from 'rxjs';
import { InjectRepository } from '@nestjs/typeorm';
import { notFound } from '@orca/api/core';
import { IsNull, type Repository } from 'typeorm';
import type {
  ApiTokenDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
} from './dto/auth.dto';
import { ApiTokenEntity } from './entities/api-token.entity';
import type { Principal } from './principal';
import { newSecret, sha256Hex } from './secrets';

const TOKEN_PREFIX = 'orca_pat_';
const LAST_USED_PRECISION_MS = 60_000;
/** How long a resolved token is trusted from the cache (revoking clears it at once). */
const CACHE_TTL_MS = 30_000;

interface CachedToken {
  /** The token's id (older cache entries may lack it). */
  id?: string;
  userId: string;
  email: string;
  displayName: string;
  /** The token's own expiry (ms), or null. */
  expiresAt: number | null;
}

const cacheKey = (tokenHash: string) => `token:${tokenHash}`;

function toDto(token: ApiTokenEntity): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

/** Personal API tokens for OpenAPI clients: `Authorization: Bearer orca_pat_…`. */
@Injectable()
export class ApiTokensService {
  /** Every revocation, for live connections that rode on the token. */
  readonly revoked$ = new Subject<{ userId: string; tokenId: string }>();

  constructor(
    @InjectRepository(ApiTokenEntity)
    private readonly tokens: Repository<ApiTokenEntity>,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
  ) {}

  async create(
    userId: string,
    input: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const saved = await this.tokens.save(
      this.tokens.create({
        userId,
        name: input.name,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: sha256Hex(token),
        expiresAt: input.expiresInDays
          ? new Date(Date.now() + input.expiresInDays * 86_400_000)
          : null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { ...toDto(saved), token };
  }

  async list(userId: string): Promise<ApiTokenDto[]> {
    const tokens = await this.tokens.find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(toDto);
  }

  async revoke(userId: string, id: string): Promise<void> {
    const token = await this.tokens.findOne({
      where: { id, userId, revokedAt: IsNull() },
    });
    const result = await this.tokens.update(
      { id, userId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected || !token)
      throw notFound('token_not_found', 'API token');
    await this.cache.del(cacheKey(token.tokenHash));
    this.revoked$.next({ userId, tokenId: id });
  }

  /** Drops the cached copies of the person's tokens, e.g. after their name or email changed. */
  async forgetCached(userId: string): Promise<void> {
    const tokens = await this.tokens.find({
      where: { userId, revokedAt: IsNull() },
      select: { id: true, tokenHash: true },
    });
    if (tokens.length > 0)
      await this.cache.mdel(tokens.map((token) => cacheKey(token.tokenHash)));
  }

  /**
   * The principal of a token, from the cache when it was resolved in the last 30 s (every REST
   * call of a script carries it), else from PostgreSQL.
   */
  async resolve(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const tokenHash = sha256Hex(token);
    const cached = await this.cache.get<CachedToken>(cacheKey(tokenHash));
    if (cached && (cached.expiresAt === null || cached.expiresAt > Date.now()))
      return {
        userId: cached.userId,
        email: cached.email,
        displayName: cached.displayName,
        via: 'token',
        tokenId: cached.id,
      };
    const found = await this.tokens.findOne({
      where: { tokenHash },
      relations: { user: true },
    });
    if (
      !found?.user ||
      found.revokedAt ||
      (found.expiresAt && found.expiresAt.getTime() <= Date.now())
    )
      return null;
    if (
      !found.lastUsedAt ||
      Date.now() - found.lastUsedAt.getTime() > LAST_USED_PRECISION_MS
    ) {
      await this.tokens.update({ id: found.id }, { lastUsedAt: new Date() });
    }
    const value: CachedToken = {
      id: found.id,
      userId: found.userId,
      email: found.user.email,
      displayName: found.user.displayName,
      expiresAt: found.expiresAt?.getTime() ?? null,
    };
    await this.cache.set(cacheKey(tokenHash), value, CACHE_TTL_MS);
    return {
      userId: found.userId,
      email: found.user.email,
      displayName: found.user.displayName,
      via: 'token',
      tokenId: found.id,
    };
  }
}
