import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { requireAdmin } from '../../common/auth/require-admin';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { AutomationRequests } from './automation-requests.service';
import {
  createAutomationSchema,
  manualRunSchema,
  updateAutomationSchema,
} from './automation.schemas';
import type { AutomationView } from './automation.types';
import { AutomationsService } from './automations.service';

/** Automations (智能助手) of an app: built by admins, run by their triggers or a button. */
@ApiTags('automations')
@ApiBearerAuth()
@Controller('api')
export class AutomationsController {
  constructor(
    private readonly automations: AutomationsService,
    private readonly requests: AutomationRequests,
  ) {}

  @Get('apps/:appKey/automations')
  list(@Param('appKey') appKey: string, @CurrentUser() user: AuthUser): Promise<AutomationView[]> {
    requireAdmin(user);
    return this.automations.list(appKey);
  }

  @Post('apps/:appKey/automations')
  @ApiBody({ schema: createAutomationSchema.openApi })
  create(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<AutomationView> {
    requireAdmin(user);
    return this.automations.create(appKey, createAutomationSchema.parse(body), user);
  }

  @Get('automations/:id')
  one(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<AutomationView> {
    requireAdmin(user);
    return this.automations.one(uuidOrNotFound(id, 'The automation'));
  }

  @Put('automations/:id')
  @ApiBody({ schema: updateAutomationSchema.openApi })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<AutomationView> {
    requireAdmin(user);
    return this.automations.update(
      uuidOrNotFound(id, 'The automation'),
      updateAutomationSchema.parse(body),
      user,
    );
  }

  @Delete('automations/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    requireAdmin(user);
    await this.automations.remove(uuidOrNotFound(id, 'The automation'), user);
  }

  /** The manual button: any user who can see every one of the records. */
  @Post('automations/:id/run')
  @HttpCode(202)
  @ApiBody({ schema: manualRunSchema.openApi })
  run(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ runs: { recordId: string; runId: string | null }[] }> {
    const { recordIds } = manualRunSchema.parse(body);
    return this.requests.runManually(uuidOrNotFound(id, 'The automation'), recordIds, user);
  }
}
