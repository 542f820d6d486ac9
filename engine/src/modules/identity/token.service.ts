import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.token';
import type { AppConfig } from '../../config/app-config';
import { SettingEntity } from './setting.entity';

const SECRET_KEY = 'token_secret';

/** What a valid token says. */
export interface TokenClaims {
  userId: string;
  /** The token's own id: signing out revokes it. */
  jti: string;
  expiresAt: Date;
}

/**
 * Signed sign-in tokens (HS256 only: `alg:none` and other algorithms are refused).
 * The secret is made on first start and kept in the database, so every engine
 * process sharing the database accepts the same tokens; revocations (sign-out) and
 * each user's "valid after" instant (password reset, disabling) live there too, so a
 * token signed out on one process is refused by all of them.
 */
@Injectable()
export class TokenService {
  private secret: string | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async secretOrCreate(): Promise<string> {
    if (this.secret !== null) return this.secret;
    const repo = this.db.getRepository(SettingEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ key: SECRET_KEY, value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    const row = await repo.findOneByOrFail({ key: SECRET_KEY });
    this.secret = String(row.value);
    return this.secret;
  }

  async sign(userId: string): Promise<string> {
    // `iat` counts whole seconds; `ims` (issued, in ms, by the database clock that also
    // stamps resets) orders a token against a reset whatever this process's clock says.
    const [now] = (await this.db.query(
      'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms',
    )) as { ms: number }[];
    return jwt.sign({ ims: now?.ms ?? Date.now() }, await this.secretOrCreate(), {
      algorithm: 'HS256',
      subject: userId,
      jwtid: randomUUID(),
      expiresIn: this.config.tokenTtlSeconds,
    });
  }

  /** The claims of a valid, unexpired, unrevoked token, or null for anything else. */
  async verify(token: string): Promise<TokenClaims | null> {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, await this.secretOrCreate(), { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (typeof payload !== 'object') return null;
    const { sub, jti, exp, ims } = payload as jwt.JwtPayload & { ims?: unknown };
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return null;
    if (typeof ims !== 'number' || !/^[0-9a-f-]{36}$/.test(jti)) return null;
    const rows: { valid: boolean }[] = await this.db.query(
      `SELECT (u.tokens_valid_after < to_timestamp($3::float8 / 1000)
               AND NOT EXISTS (SELECT 1 FROM revoked_tokens t WHERE t.jti = $2::uuid)) AS valid
         FROM users u WHERE u.id = $1::uuid`,
      [sub, jti, ims],
    );
    if (rows[0]?.valid !== true) return null;
    return { userId: sub, jti, expiresAt: new Date(exp * 1000) };
  }

  /** Signs one token out, everywhere; expired revocations are swept on the way. */
  async revoke(m: EntityManager, claims: TokenClaims): Promise<void> {
    await m.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
    await m.query(
      'INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [claims.jti, claims.userId, claims.expiresAt],
    );
  }

  /** Every token the user holds stops working (password reset, disabling). */
  async revokeAllOf(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE users SET tokens_valid_after = clock_timestamp() WHERE id = $1', [
      userId,
    ]);
  }
}
