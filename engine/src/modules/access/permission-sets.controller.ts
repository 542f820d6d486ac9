import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AdminOnly } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  permissionSetCreateSchema,
  permissionSetUpdateSchema,
  type PermissionSetInput,
  type PermissionSetView,
} from './permission-set.types';
import { PermissionSetsService } from './permission-sets.service';

const createSchema = new RequestSchema<PermissionSetInput>(permissionSetCreateSchema);
const updateSchema = new RequestSchema<Partial<PermissionSetInput>>(permissionSetUpdateSchema);

/** Permission sets of an app, for administrators (every change audited). */
@ApiTags('admin: permission sets')
@ApiBearerAuth()
@Controller('api/apps/:appKey/permission-sets')
export class PermissionSetsController {
  constructor(private readonly sets: PermissionSetsService) {}

  @AdminOnly()
  @Get()
  @ApiOperation({ summary: "The app's permission sets with whom each is given to" })
  list(@Param('appKey') appKey: string): Promise<PermissionSetView[]> {
    return this.sets.list(appKey);
  }

  @AdminOnly()
  @Post()
  @ApiOperation({
    summary: 'A new permission set',
    description:
      'forms: by form key, { actions: [view, add, edit, delete, export, import, manage], fields: { <field>: hidden | readonly | editable }, rows: own | department | all | { filter: <JSON Logic over the record data, $record and $user> } }. assignments: [{ type: role | department | user, subject: role key or id }]; a department reaches its sub-departments.',
  })
  @ApiBody({ schema: createSchema.openApi })
  create(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<PermissionSetView> {
    return this.sets.create(appKey, createSchema.parse(body), actor);
  }

  @AdminOnly()
  @Get(':id')
  one(@Param('appKey') appKey: string, @Param('id') id: string): Promise<PermissionSetView> {
    return this.sets.one(appKey, uuidOrNotFound(id, 'The permission set'));
  }

  @AdminOnly()
  @Patch(':id')
  @ApiBody({ schema: updateSchema.openApi })
  update(
    @Param('appKey') appKey: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthUser,
  ): Promise<PermissionSetView> {
    const setId = uuidOrNotFound(id, 'The permission set');
    return this.sets.update(appKey, setId, updateSchema.parse(body), actor);
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('appKey') appKey: string,
    @Param('id') id: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<void> {
    await this.sets.remove(appKey, uuidOrNotFound(id, 'The permission set'), actor);
  }
}
