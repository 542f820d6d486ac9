import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { AutomationRequests, type AutomationButton } from './automation-requests.service';
import type { AutomationRunView } from './automation.types';
import {
  createAutomationSchema,
  manualRunSchema,
  pressSchema,
  updateAutomationSchema,
} from './automation.schemas';
import type { AutomationView } from './automation.types';
import { AutomationsService } from './automations.service';
import {
  bodyField,
  CanBuild,
  FormPermission,
  param,
  RecordPermission,
  SignedIn,
} from '../../common/policy/route-policy';

/** Automations (智能助手) of an app: built by admins, run by their triggers or a button. */
@ApiTags('automations')
@ApiBearerAuth()
@Controller('api')
export class AutomationsController {
  constructor(
    private readonly automations: AutomationsService,
    private readonly requests: AutomationRequests,
  ) {}

  @CanBuild({ appKey: param('appKey') })
  @Get('apps/:appKey/automations')
  list(@Param('appKey') appKey: string): Promise<AutomationView[]> {
    return this.automations.list(appKey);
  }

  @CanBuild({ appKey: param('appKey') })
  @Post('apps/:appKey/automations')
  @ApiBody({ schema: createAutomationSchema.openApi })
  create(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<AutomationView> {
    return this.automations.create(appKey, createAutomationSchema.parse(body), user);
  }

  @CanBuild({ automation: param('id') })
  @Get('automations/:id')
  one(@Param('id') id: string): Promise<AutomationView> {
    return this.automations.one(uuidOrNotFound(id, 'The automation'));
  }

  @CanBuild({ automation: param('id') })
  @Put('automations/:id')
  @ApiBody({ schema: updateAutomationSchema.openApi })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<AutomationView> {
    return this.automations.update(
      uuidOrNotFound(id, 'The automation'),
      updateAutomationSchema.parse(body),
      user,
    );
  }

  @CanBuild({ automation: param('id') })
  @Delete('automations/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.automations.remove(uuidOrNotFound(id, 'The automation'), user);
  }

  /** The manual button: any user who can see every one of the records. */
  @SignedIn()
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

  /** The buttons of a form's record page (its manual automations), for whoever sees the form. */
  @FormPermission('view', param('formId'), { readOnly: true })
  @Get('forms/:formId/buttons')
  buttons(@Param('formId') formId: string): Promise<AutomationButton[]> {
    return this.requests.buttons(uuidOrNotFound(formId, 'The form'));
  }

  /**
   * A button pressed on one record, run at once: 200 with the run, or the refusal its
   * flow ended at (409, the refusal's code; nothing changes).
   */
  @RecordPermission('view', bodyField('recordId'))
  @Post('automations/:id/press')
  @HttpCode(200)
  @ApiBody({ schema: pressSchema.openApi })
  press(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<AutomationRunView> {
    const { recordId } = pressSchema.parse(body);
    return this.requests.press(uuidOrNotFound(id, 'The automation'), recordId, user);
  }
}
