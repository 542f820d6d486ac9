import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.token';
import type { AppConfig } from '../../config/app-config';
import { SettingEntity } from './setting.entity';

const SECRET_KEY = 'token_secret';

/**
 * Signed sign-in tokens (HS256 only: `alg:none` and other algorithms are refused).
 * The secret is made on first start and kept in the database, so every engine
 * process sharing the database accepts the same tokens.
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
    return jwt.sign({}, await this.secretOrCreate(), {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: this.config.tokenTtlSeconds,
    });
  }

  /** The user id inside a valid token, or null for anything else. */
  async verify(token: string): Promise<string | null> {
    try {
      const payload = jwt.verify(token, await this.secretOrCreate(), { algorithms: ['HS256'] });
      return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
