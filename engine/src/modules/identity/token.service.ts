import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
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

/** A token whose signature and shape check out; whether it still counts is the database's. */
export interface SignedToken extends TokenClaims {
  /** When it was issued, in ms of the database clock (ordered against resets). */
  issuedMs: number;
}

/**
 * SQL that is true while a signed token still counts, over its user's row aliased `u`:
 * issued after the user's last reset and not signed out. `jti` and `issuedMs` name the
 * statement's parameters holding them.
 */
export function tokenStillValidSql(jti: string, issuedMs: string): string {
  return `(u.tokens_valid_after < to_timestamp(${issuedMs}::float8 / 1000)
    AND NOT EXISTS (SELECT 1 FROM revoked_tokens t WHERE t.jti = ${jti}::uuid))`;
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
  /** The secret as a key object, made once (jsonwebtoken would make one per call). */
  private secret: KeyObject | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async secretOrCreate(): Promise<KeyObject> {
    if (this.secret !== null) return this.secret;
    const repo = this.db.getRepository(SettingEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ key: SECRET_KEY, value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    const row = await repo.findOneByOrFail({ key: SECRET_KEY });
    // The bytes jsonwebtoken signs with for a string secret (its UTF-8).
    this.secret = createSecretKey(Buffer.from(String(row.value)));
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

  /**
   * The claims of a token signed by this installation and not expired, or null; whether
   * it was signed out or predates a reset is checked against the database with
   * `tokenStillValidSql` (as `verify` does, or in the caller's query of the user).
   */
  async signed(token: string): Promise<SignedToken | null> {
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
    if (!/^[0-9a-f-]{36}$/i.test(sub)) return null;
    return { userId: sub, jti, expiresAt: new Date(exp * 1000), issuedMs: ims };
  }

  /** The claims of a valid, unexpired, unrevoked token, or null for anything else. */
  async verify(token: string): Promise<TokenClaims | null> {
    const signed = await this.signed(token);
    if (signed === null) return null;
    const rows: { valid: boolean }[] = await this.db.query(
      `SELECT ${tokenStillValidSql('$2', '$3')} AS valid FROM users u WHERE u.id = $1::uuid`,
      [signed.userId, signed.jti, signed.issuedMs],
    );
    if (rows[0]?.valid !== true) return null;
    return { userId: signed.userId, jti: signed.jti, expiresAt: signed.expiresAt };
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
