import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { BuilderAbility, FormAction } from '../../common/policy/route-policy';
import { recordVisibleParams, recordVisibleSql } from '../records/record-access.policy';

/** The answer to "may this user do that": yes, no (403), or "nothing there for you" (404). */
export type AccessAnswer = 'allowed' | 'forbidden' | 'not_found';

/** The checks the policy guard asks of the data: records, tasks, forms and apps. */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  /** A record the user may see; actions beyond reading are narrowed by the services. */
  async record(user: AuthUser, recordId: string, _action: FormAction): Promise<AccessAnswer> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM records r WHERE r.id = $1 AND ${recordVisibleSql(2)}`,
      [recordId, ...recordVisibleParams(user)],
    );
    return rows.length > 0 ? 'allowed' : 'not_found';
  }

  /** A task its holder (or an admin) may act on; others who see the record learn it exists. */
  async task(user: AuthUser, taskId: string): Promise<AccessAnswer> {
    const rows: { assignee_id: string; record_id: string }[] = await this.db.query(
      'SELECT assignee_id, record_id FROM tasks WHERE id = $1',
      [taskId],
    );
    const task = rows[0];
    if (!task) return 'not_found';
    if (user.isAdmin || task.assignee_id === user.id) return 'allowed';
    return (await this.record(user, task.record_id, 'view')) === 'allowed'
      ? 'forbidden'
      : 'not_found';
  }

  /** Every signed-in user may open and submit a published form. */
  form(_user: AuthUser, _formId: string, _action: FormAction): Promise<AccessAnswer> {
    return Promise.resolve('allowed');
  }

  /** Building and publishing is for administrators. */
  builder(user: AuthUser, _appId: string | null, _ability: BuilderAbility): Promise<AccessAnswer> {
    return Promise.resolve(user.isAdmin ? 'allowed' : 'forbidden');
  }
}
