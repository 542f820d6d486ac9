import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { FormPermission, SignedIn, param } from '../../common/policy/route-policy';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { RecordViews, type SavedView, type ViewInput } from './record-views.service';

const fieldName = { type: 'string', maxLength: 64 } as const;

const viewSchema = new RequestSchema<ViewInput>({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    type: { enum: ['table', 'kanban', 'calendar'] },
    config: {
      type: 'object',
      properties: {
        filter: {},
        sort: { type: 'string', maxLength: 200 },
        search: { type: 'string', maxLength: 200 },
        columns: { type: 'array', maxItems: 200, items: fieldName },
        groupField: fieldName,
        dateField: fieldName,
      },
      additionalProperties: false,
    },
  },
  required: ['name', 'type', 'config'],
  additionalProperties: false,
});

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class RecordViewsController {
  constructor(private readonly views: RecordViews) {}

  /** The signed-in user's saved views of a form. */
  @FormPermission('view', param('formId'))
  @Get('forms/:formId/views')
  list(@Param('formId') formId: string, @CurrentUser() user: AuthUser): Promise<SavedView[]> {
    return this.views.list(uuidOrNotFound(formId, 'The form'), user);
  }

  @FormPermission('view', param('formId'))
  @Post('forms/:formId/views')
  @ApiBody({ schema: viewSchema.openApi })
  create(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<SavedView> {
    return this.views.create(uuidOrNotFound(formId, 'The form'), viewSchema.parse(body), user);
  }

  @SignedIn()
  @Put('views/:id')
  @ApiBody({ schema: viewSchema.openApi })
  replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<SavedView> {
    return this.views.replace(uuidOrNotFound(id, 'The view'), viewSchema.parse(body), user);
  }

  @SignedIn()
  @Delete('views/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.views.remove(uuidOrNotFound(id, 'The view'), user);
  }
}
