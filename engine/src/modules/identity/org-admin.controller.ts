import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { I18nText } from '@liuyun/definitions';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AdminOnly } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  DepartmentsService,
  type DepartmentInput,
  type DepartmentView,
} from './departments.service';
import { RolesService, type RoleView } from './roles.service';

const uuidOrNull = { anyOf: [{ type: 'string', pattern: UUID_PATTERN }, { type: 'null' }] };
const name = { type: 'string', minLength: 1, maxLength: 100 };
const i18n = {
  type: 'object',
  properties: { zh: name, en: name },
  required: ['zh', 'en'],
  additionalProperties: false,
};

const createDepartment = new RequestSchema<DepartmentInput & { name: string }>({
  type: 'object',
  properties: { name, parentId: uuidOrNull, headUserId: uuidOrNull },
  required: ['name'],
  additionalProperties: false,
});
const updateDepartment = new RequestSchema<DepartmentInput>({
  type: 'object',
  properties: { name, parentId: uuidOrNull, headUserId: uuidOrNull },
  minProperties: 1,
  additionalProperties: false,
});
const createRole = new RequestSchema<{ key: string; name: I18nText }>({
  type: 'object',
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' },
    name: i18n,
  },
  required: ['key', 'name'],
  additionalProperties: false,
});
const renameRole = new RequestSchema<{ name: I18nText }>({
  type: 'object',
  properties: { name: i18n },
  required: ['name'],
  additionalProperties: false,
});

/** Departments (a tree with heads) and roles, for administrators. */
@ApiTags('admin: organisation')
@ApiBearerAuth()
@Controller('api/admin')
export class OrgAdminController {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly roles: RolesService,
  ) {}

  @AdminOnly()
  @Get('departments')
  @ApiOperation({ summary: 'Every department, flat (parentId links make the tree)' })
  listDepartments(): Promise<DepartmentView[]> {
    return this.departments.list();
  }

  @AdminOnly()
  @Post('departments')
  @ApiBody({ schema: createDepartment.openApi })
  createDepartment(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<DepartmentView> {
    return this.departments.create(createDepartment.parse(body), actor);
  }

  @AdminOnly()
  @Patch('departments/:id')
  @ApiOperation({ summary: 'Rename, move (never below itself) or set the head' })
  @ApiBody({ schema: updateDepartment.openApi })
  updateDepartment(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<DepartmentView> {
    const deptId = uuidOrNotFound(id, 'The department');
    return this.departments.update(deptId, updateDepartment.parse(body), actor);
  }

  @AdminOnly()
  @Delete('departments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an empty department (no members, no sub-departments)' })
  async removeDepartment(@Param('id') id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.departments.remove(uuidOrNotFound(id, 'The department'), actor);
  }

  @AdminOnly()
  @Get('roles')
  listRoles(): Promise<RoleView[]> {
    return this.roles.list();
  }

  @AdminOnly()
  @Post('roles')
  @ApiBody({ schema: createRole.openApi })
  createRole(@Body() body: unknown, @CurrentUser() actor: AuthUser): Promise<RoleView> {
    return this.roles.create(createRole.parse(body), actor);
  }

  @AdminOnly()
  @Patch('roles/:id')
  @ApiBody({ schema: renameRole.openApi })
  renameRole(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<RoleView> {
    const roleId = uuidOrNotFound(id, 'The role');
    return this.roles.rename(roleId, renameRole.parse(body).name, actor);
  }

  @AdminOnly()
  @Delete('roles/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role nobody holds' })
  async removeRole(@Param('id') id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.roles.remove(uuidOrNotFound(id, 'The role'), actor);
  }
}
