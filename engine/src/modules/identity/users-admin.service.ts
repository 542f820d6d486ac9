import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  AppError,
  badRequest,
  conflict,
  notFound,
  type ErrorDetail,
} from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { parseCsv } from './csv.parse';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';
import { createUserSchema, type CreateUserInput, type UpdateUserInput } from './user.schemas';

/** A user as the admin pages see it (never the password hash). */
export interface UserAdminView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  departmentId: string | null;
  roles: string[];
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  department_id: string | null;
  roles: string[] | null;
  is_admin: boolean;
  disabled: boolean;
  created_at: Date;
}

const SELECT_USERS = `
  SELECT u.id, u.username, u.display_name, u.email, u.department_id, u.is_admin, u.disabled, u.created_at,
         (SELECT array_agg(r.key ORDER BY r.key) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
           WHERE ur.user_id = u.id) AS roles
    FROM users u`;

const toView = (r: UserRow): UserAdminView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  departmentId: r.department_id,
  roles: r.roles ?? [],
  isAdmin: r.is_admin,
  disabled: r.disabled,
  createdAt: new Date(r.created_at).toISOString(),
});

const rowSchema = new RequestSchema<CreateUserInput>(createUserSchema);

export interface UserFilter {
  search?: string;
  departmentId?: string;
  /** Holders of this role key. */
  role?: string;
  limit: number;
  /** Usernames after this one (the list is ordered by username). */
  after?: string;
}

/** Users for administrators: create, edit, disable, reset passwords, import from CSV. */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async list(filter: UserFilter): Promise<{ items: UserAdminView[]; nextAfter: string | null }> {
    const params: unknown[] = [filter.limit + 1];
    const where: string[] = [];
    if (filter.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
    }
    if (filter.departmentId) {
      params.push(filter.departmentId);
      where.push(`u.department_id = $${params.length}`);
    }
    if (filter.role) {
      params.push(filter.role);
      where.push(
        `EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.key = $${params.length})`,
      );
    }
    if (filter.after) {
      params.push(filter.after);
      where.push(`u.username > $${params.length}`);
    }
    const rows: UserRow[] = await this.db.query(
      `${SELECT_USERS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.username LIMIT $1`,
      params,
    );
    const page = rows.slice(0, filter.limit).map(toView);
    return {
      items: page,
      nextAfter: rows.length > filter.limit ? (page[page.length - 1]?.username ?? null) : null,
    };
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<UserAdminView> {
    const rows: UserRow[] = await m.query(`${SELECT_USERS} WHERE u.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw notFound('The user');
    return toView(row);
  }

  async create(input: CreateUserInput, actor: AuthUser): Promise<UserAdminView> {
    const hash = await this.hasher.hash(input.password);
    return this.db.transaction(async (m) => {
      const id = await this.insert(m, input, hash);
      const view = await this.get(id, m);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  private async insert(m: EntityManager, input: CreateUserInput, hash: string): Promise<string> {
    const taken: unknown[] = await m.query(
      'SELECT 1 FROM users WHERE lower(username) = lower($1)',
      [input.username],
    );
    if (taken.length > 0)
      throw conflict('username_taken', `The username ${input.username} is taken.`);
    if (input.departmentId) await this.departmentOrThrow(m, input.departmentId);
    const id = randomUUID();
    await m.query(
      `INSERT INTO users (id, username, display_name, password_hash, email, department_id, is_admin)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        input.username,
        input.displayName,
        hash,
        input.email ?? null,
        input.departmentId?.toLowerCase() ?? null,
        input.isAdmin ?? false,
      ],
    );
    if (input.roles) await this.setRoles(m, id, input.roles);
    return id;
  }

  async update(id: string, input: UpdateUserInput, actor: AuthUser): Promise<UserAdminView> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
      const before = await this.get(id, m);
      if (id === actor.id && (input.disabled === true || input.isAdmin === false))
        throw conflict(
          'cannot_lock_out_self',
          'You cannot disable yourself or take away your own administrator rights.',
        );
      if (input.departmentId) await this.departmentOrThrow(m, input.departmentId);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown): void => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.displayName !== undefined) set('display_name', input.displayName);
      if (input.email !== undefined) set('email', input.email);
      if (input.departmentId !== undefined)
        set('department_id', input.departmentId?.toLowerCase() ?? null);
      if (input.isAdmin !== undefined) set('is_admin', input.isAdmin);
      if (input.disabled !== undefined) set('disabled', input.disabled);
      if (sets.length > 0)
        await m.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
      if (input.roles) await this.setRoles(m, id, input.roles);
      if (input.disabled === true && !before.disabled) await this.tokens.revokeAllOf(m, id);
      const after = await this.get(id, m);
      await writeAudit(m, {
        actorId: actor.id,
        action: input.disabled === true && !before.disabled ? 'user.disable' : 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async resetPassword(id: string, password: string, actor: AuthUser): Promise<UserAdminView> {
    const hash = await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      const view = await this.get(id, m);
      await m.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
      await this.tokens.revokeAllOf(m, id);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        after: { username: view.username, password: 'changed' },
      });
      return view;
    });
  }

  /**
   * Imports users from CSV (header row: username, displayName, password, and optionally
   * email, department — a department's id or its unique name — roles separated by `;`,
   * isAdmin). Every row is checked first; any error imports nothing and every row's
   * errors come back (400 import_invalid, details with `/rows/<line>/<column>`).
   */
  async importCsv(
    csv: string,
    actor: AuthUser,
  ): Promise<{ created: number; users: UserAdminView[] }> {
    const rows = parseCsv(csv);
    if (rows === null)
      throw badRequest('csv_invalid', 'The CSV has a quoted field that never closes.');
    const [header, ...body] = rows;
    if (!header || body.length === 0)
      throw badRequest('csv_invalid', 'The CSV needs a header row and at least one user.');
    if (body.length > 1000) throw badRequest('csv_too_large', 'Import at most 1000 users at once.');
    const columns = header.map((h) => h.trim());
    const known = [
      'username',
      'displayName',
      'password',
      'email',
      'department',
      'roles',
      'isAdmin',
    ];
    const unknown = columns.filter((c) => !known.includes(c));
    const missing = ['username', 'displayName', 'password'].filter((c) => !columns.includes(c));
    if (unknown.length > 0 || missing.length > 0)
      throw badRequest(
        'csv_invalid',
        `The header must name the columns ${known.join(', ')}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
      );
    const departments: { id: string; name: string }[] = await this.db.query(
      'SELECT id, name FROM departments',
    );
    const roleRows: { key: string }[] = await this.db.query('SELECT key FROM roles');
    const roleKeys = new Set(roleRows.map((r) => r.key));
    const existing: { username: string }[] = await this.db.query(
      'SELECT lower(username) AS username FROM users',
    );
    const seen = new Set(existing.map((e) => e.username));
    const errors: ErrorDetail[] = [];
    const inputs: CreateUserInput[] = [];
    body.forEach((cells, index) => {
      const line = index + 2;
      const err = (column: string, keyword: string, message: string): void => {
        errors.push({
          instancePath: `/rows/${line}/${column}`,
          keyword,
          message,
          params: { line },
        });
      };
      const cell = (c: string): string => (cells[columns.indexOf(c)] ?? '').trim();
      if (cells.length !== columns.length)
        return err('', 'columns', `has ${cells.length} cells; the header has ${columns.length}`);
      const input: CreateUserInput = {
        username: cell('username'),
        displayName: cell('displayName'),
        password: cells[columns.indexOf('password')] ?? '',
      };
      if (cell('email') !== '') input.email = cell('email');
      const dept = cell('department');
      if (dept !== '') {
        const matches = departments.filter((d) => d.id === dept.toLowerCase() || d.name === dept);
        if (matches.length === 1) input.departmentId = matches[0]!.id;
        else
          err(
            'department',
            matches.length ? 'ambiguous' : 'unknown',
            matches.length
              ? `names ${matches.length} departments; use its id`
              : `no department ${dept}`,
          );
      }
      const roles = cell('roles')
        .split(';')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      for (const r of roles) if (!roleKeys.has(r)) err('roles', 'unknown', `no role ${r}`);
      if (roles.length > 0) input.roles = [...new Set(roles)];
      const admin = cell('isAdmin').toLowerCase();
      if (admin !== '') {
        if (!['true', 'false', '1', '0', 'yes', 'no'].includes(admin))
          err('isAdmin', 'type', 'must be true or false');
        else input.isAdmin = ['true', '1', 'yes'].includes(admin);
      }
      try {
        rowSchema.parse(input);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        for (const d of (e.details ?? []) as ErrorDetail[])
          err(
            d.instancePath.replace(/^\//, '') || String(d.params.missingProperty ?? ''),
            d.keyword,
            d.message,
          );
      }
      const lower = input.username.toLowerCase();
      if (lower !== '' && seen.has(lower)) err('username', 'unique', `${input.username} is taken`);
      seen.add(lower);
      inputs.push(input);
    });
    if (errors.length > 0)
      throw badRequest(
        'import_invalid',
        `${errors.length} problems in the CSV; nothing was imported.`,
        errors,
      );
    const hashes: string[] = [];
    for (const input of inputs) hashes.push(await this.hasher.hash(input.password));
    return this.db.transaction(async (m) => {
      const users: UserAdminView[] = [];
      for (const [i, input] of inputs.entries())
        users.push(await this.get(await this.insert(m, input, hashes[i]!), m));
      await writeAudit(m, {
        actorId: actor.id,
        action: 'user.import',
        entityType: 'user',
        entityId: 'import',
        after: { created: users.map((u) => u.username) },
      });
      return { created: users.length, users };
    });
  }

  private async departmentOrThrow(m: EntityManager, id: string): Promise<void> {
    const rows: unknown[] = await m.query('SELECT 1 FROM departments WHERE id = $1', [id]);
    if (rows.length === 0) throw badRequest('unknown_department', 'The department does not exist.');
  }

  private async setRoles(m: EntityManager, userId: string, keys: string[]): Promise<void> {
    const roles: { id: string; key: string }[] = await m.query(
      'SELECT id, key FROM roles WHERE key = ANY($1::text[])',
      [keys],
    );
    const unknown = keys.filter((k) => !roles.some((r) => r.key === k));
    if (unknown.length > 0)
      throw badRequest('unknown_role', `No such role: ${unknown.join(', ')}.`);
    await m.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
    for (const r of roles)
      await m.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [userId, r.id]);
  }
}
