import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';

/** Failed sign-ins allowed per username and address within the window. */
export const LOGIN_MAX_FAILURES = 5;
const WINDOW = "interval '15 minutes'";
const LOCK = "interval '15 minutes'";

/**
 * Login rate limit per username + client address, kept in the database so it holds
 * across every engine process sharing it. Five failures within 15 minutes lock that
 * pair for 15 minutes (429 with Retry-After); a successful sign-in clears the count.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly db: DataSource) {}

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /** Throws 429 while the pair is locked. */
  async checkOrThrow(username: string, ip: string): Promise<void> {
    const rows: { seconds: number }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_throttle WHERE key = $1 AND locked_until > now()`,
      [this.key(username, ip)],
    );
    const locked = rows[0];
    if (locked) {
      throw new AppError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins; try again in ${Math.max(1, locked.seconds)} seconds.`,
        [{ retryAfterSeconds: Math.max(1, locked.seconds) }],
      );
    }
  }

  /** Counts a failure (atomically, whichever process sees it). */
  async fail(username: string, ip: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - ${WINDOW} THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - ${WINDOW} THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.window_started_at >= now() - ${WINDOW} AND t.failures + 1 >= $2 THEN now() + ${LOCK}
           ELSE NULL END`,
      [this.key(username, ip), LOGIN_MAX_FAILURES],
    );
  }
}
