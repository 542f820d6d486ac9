import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SignedIn } from '../../common/policy/route-policy';

export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

/** Who is who, for member and department pickers: names only, never e-mails or roles. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/directory')
export class DirectoryController {
  constructor(private readonly db: DataSource) {}

  @SignedIn()
  @Get('users')
  @ApiOperation({ summary: 'Active users (id, username, name, department), at most 200' })
  async users(@Query('search') search: string | undefined): Promise<DirectoryUser[]> {
    const pattern = search ? `%${search.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
    const rows: {
      id: string;
      username: string;
      display_name: string;
      department_id: string | null;
    }[] = await this.db.query(
      `SELECT id, username, display_name, department_id FROM users
          WHERE NOT disabled AND (username ILIKE $1 OR display_name ILIKE $1)
          ORDER BY username LIMIT 200`,
      [pattern],
    );
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      departmentId: r.department_id,
    }));
  }

  @SignedIn()
  @Get('departments')
  @ApiOperation({ summary: 'Every department (id, name, parent)' })
  async departments(): Promise<DirectoryDepartment[]> {
    const rows: { id: string; name: string; parent_id: string | null }[] = await this.db.query(
      'SELECT id, name, parent_id FROM departments ORDER BY name, id',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
  }
}
