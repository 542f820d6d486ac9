import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { I18nText } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { badRequest } from '../../common/errors/app-error';
import { CanBuild } from '../../common/policy/route-policy';

/** A person a builder can pick as an assignee. */
export interface LookupUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
}

/** A role a builder can pick, with how many people hold it. */
export interface LookupRole {
  key: string;
  name: I18nText;
  members: number;
}

/** A department, with its parent and head (for "head of department" assignees). */
export interface LookupDepartment {
  id: string;
  name: string;
  parentId: string | null;
  head: { id: string; username: string; displayName: string } | null;
}

const userDoc = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    departmentId: { type: 'string', nullable: true },
    roles: { type: 'array', items: { type: 'string' } },
  },
};
const roleDoc = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    members: { type: 'integer' },
  },
};
const departmentDoc = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    parentId: { type: 'string', nullable: true },
    head: { ...userDoc, nullable: true },
  },
};

const MAX_LIMIT = 200;

function limitOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 50;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw badRequest('validation_failed', 'The request is not valid.', [
      {
        instancePath: '/limit',
        keyword: 'maximum',
        message: `must be an integer from 1 to ${MAX_LIMIT}`,
        params: { limit: MAX_LIMIT },
      },
    ]);
  }
  return Number(raw);
}

function searchOf(raw: string | undefined): string {
  const q = (raw ?? '').trim();
  if (q.length > 100) {
    throw badRequest('validation_failed', 'The request is not valid.', [
      {
        instancePath: '/q',
        keyword: 'maxLength',
        message: 'must NOT have more than 100 characters',
        params: { limit: 100 },
      },
    ]);
  }
  // LIKE wildcards typed by the user are matched literally.
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Read-only lists of the organisation for the flow designer's pickers (assignees,
 * recipients, escalation): for whoever may build some app. Unlike `/api/directory` they
 * carry roles and department heads, which assignee rules are written in.
 */
@ApiTags('builder')
@ApiBearerAuth()
@Controller('api/builder')
export class BuilderLookupController {
  constructor(private readonly db: DataSource) {}

  @CanBuild({ anyApp: true })
  @Get('users')
  @ApiOperation({ summary: 'Active users with their roles, for assignee pickers (builders)' })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the username or display name' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiOkResponse({ schema: { type: 'array', items: userDoc } })
  async users(@Query('q') q?: string, @Query('limit') limit?: string): Promise<LookupUser[]> {
    const pattern = `%${searchOf(q)}%`;
    const rows: {
      id: string;
      username: string;
      display_name: string;
      department_id: string | null;
      roles: string[] | null;
    }[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.department_id,
              array_remove(array_agg(r.key ORDER BY r.key), NULL) AS roles
         FROM users u
         LEFT JOIN user_roles ur ON ur.user_id = u.id
         LEFT JOIN roles r ON r.id = ur.role_id
        WHERE NOT u.disabled AND (u.username ILIKE $1 OR u.display_name ILIKE $1)
        GROUP BY u.id
        ORDER BY u.username
        LIMIT $2`,
      [pattern, limitOf(limit)],
    );
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      departmentId: r.department_id,
      roles: r.roles ?? [],
    }));
  }

  @CanBuild({ anyApp: true })
  @Get('roles')
  @ApiOperation({ summary: 'Roles with member counts, for assignee pickers (builders)' })
  @ApiOkResponse({ schema: { type: 'array', items: roleDoc } })
  async roles(): Promise<LookupRole[]> {
    const rows: { key: string; name: I18nText; members: string | number }[] = await this.db.query(
      `SELECT r.key, r.name, count(u.id) AS members
         FROM roles r
         LEFT JOIN user_roles ur ON ur.role_id = r.id
         LEFT JOIN users u ON u.id = ur.user_id AND NOT u.disabled
        GROUP BY r.id
        ORDER BY r.key`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, members: Number(r.members) }));
  }

  @CanBuild({ anyApp: true })
  @Get('departments')
  @ApiOperation({ summary: 'Departments with their heads (builders)' })
  @ApiOkResponse({ schema: { type: 'array', items: departmentDoc } })
  async departments(): Promise<LookupDepartment[]> {
    const rows: {
      id: string;
      name: string;
      parent_id: string | null;
      head_id: string | null;
      head_username: string | null;
      head_display_name: string | null;
    }[] = await this.db.query(
      `SELECT d.id, d.name, d.parent_id, h.id AS head_id, h.username AS head_username,
              h.display_name AS head_display_name
         FROM departments d LEFT JOIN users h ON h.id = d.head_user_id
        ORDER BY d.name`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      parentId: r.parent_id,
      head:
        r.head_id !== null && r.head_username !== null
          ? { id: r.head_id, username: r.head_username, displayName: r.head_display_name ?? '' }
          : null,
    }));
  }
}
