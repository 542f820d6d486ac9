import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { parseLimit } from '../../common/pagination/cursor';
import { AdminOnly } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  createUserSchema,
  importUsersSchema,
  resetPasswordSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from './user.schemas';
import { UsersAdminService, type UserAdminView } from './users-admin.service';

const createSchema = new RequestSchema<CreateUserInput>(createUserSchema);
const updateSchema = new RequestSchema<UpdateUserInput>(updateUserSchema);
const resetSchema = new RequestSchema<{ password: string }>(resetPasswordSchema);
const importSchema = new RequestSchema<{ csv: string }>(importUsersSchema);

@ApiTags('admin: users')
@ApiBearerAuth()
@Controller('api/admin/users')
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService) {}

  @AdminOnly()
  @Get()
  @ApiOperation({
    summary: 'Users, by username; search matches username and name',
    description: 'Filters: search, departmentId, role (a role key: its members).',
  })
  list(
    @Query('search') search: string | undefined,
    @Query('departmentId') departmentId: string | undefined,
    @Query('role') role: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('after') after: string | undefined,
  ): Promise<{ items: UserAdminView[]; nextAfter: string | null }> {
    return this.users.list({
      limit: parseLimit(limit, 50, 500),
      ...(search ? { search: search.slice(0, 100) } : {}),
      ...(departmentId ? { departmentId: uuidOrNotFound(departmentId, 'The department') } : {}),
      ...(role ? { role: role.slice(0, 64) } : {}),
      ...(after ? { after: after.slice(0, 100) } : {}),
    });
  }

  @AdminOnly()
  @Post()
  @ApiOperation({ summary: 'Create a user (password at least 8 characters)' })
  @ApiBody({ schema: createSchema.openApi })
  create(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<UserAdminView> {
    return this.users.create(createSchema.parse(body), actor);
  }

  @AdminOnly()
  @Post('import')
  @ApiOperation({
    summary: 'Import users from CSV',
    description:
      'Header: username, displayName, password and optionally email, department (id or unique name), roles (keys separated by ;), isAdmin. Every row is checked first: any problem imports nothing and answers 400 import_invalid with one detail per problem (instancePath /rows/<line>/<column>).',
  })
  @ApiBody({ schema: importSchema.openApi })
  import(
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<{ created: number; users: UserAdminView[] }> {
    return this.users.importCsv(importSchema.parse(body).csv, actor);
  }

  @AdminOnly()
  @Get(':id')
  one(@Param('id') id: string): Promise<UserAdminView> {
    return this.users.get(uuidOrNotFound(id, 'The user'));
  }

  @AdminOnly()
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a user; disabling signs them out everywhere' })
  @ApiBody({ schema: updateSchema.openApi })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserAdminView> {
    const userId = uuidOrNotFound(id, 'The user');
    return this.users.update(userId, updateSchema.parse(body), actor);
  }

  @AdminOnly()
  @Post(':id/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Reset a user's password; their tokens stop working" })
  @ApiBody({ schema: resetSchema.openApi })
  resetPassword(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserAdminView> {
    const userId = uuidOrNotFound(id, 'The user');
    return this.users.resetPassword(userId, resetSchema.parse(body).password, actor);
  }
}
