import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { SignedIn } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import {
  UserPreferencesService,
  type UiLanguage,
  type UserPreferences,
} from './user-preferences.service';
import { WorkspaceSummaryService, type WorkspaceSummary } from './workspace-summary.service';

const i18n = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } };

const summaryDoc = {
  type: 'object',
  properties: {
    tasks: {
      type: 'object',
      description: 'How many items each inbox view holds (GET /api/tasks?view=...).',
      properties: {
        todo: { type: 'integer' },
        done: { type: 'integer' },
        cc: { type: 'integer' },
        started: { type: 'integer' },
      },
    },
    recentRecords: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          formId: { type: 'string', format: 'uuid' },
          formName: i18n,
          title: { type: 'string' },
          status: { type: 'string', nullable: true },
          statusLabel: { ...i18n, nullable: true },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

const preferencesSchema = new RequestSchema<{ language: UiLanguage }>({
  type: 'object',
  properties: { language: { type: 'string', enum: ['zh', 'en'] } },
  required: ['language'],
  additionalProperties: false,
});

const preferencesDoc = {
  type: 'object',
  properties: { language: { type: 'string', enum: ['zh', 'en'], nullable: true } },
};

/** The caller's own workspace: home numbers and their preferences. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('api/me')
export class WorkspaceController {
  constructor(
    private readonly summaries: WorkspaceSummaryService,
    private readonly preferences: UserPreferencesService,
  ) {}

  @SignedIn()
  @Get('workspace')
  @ApiOperation({ summary: 'Home: task counts per inbox view and recent records' })
  @ApiOkResponse({ schema: summaryDoc })
  summary(@CurrentUser() user: AuthUser): Promise<WorkspaceSummary> {
    return this.summaries.summary(user);
  }

  @SignedIn()
  @Get('preferences')
  @ApiOperation({ summary: "The caller's preferences (language of the web app)" })
  @ApiOkResponse({ schema: preferencesDoc })
  getPreferences(@CurrentUser() user: AuthUser): Promise<UserPreferences> {
    return this.preferences.get(user);
  }

  @SignedIn()
  @Put('preferences')
  @ApiOperation({ summary: "Save the caller's preferences; applied at every sign-in" })
  @ApiBody({ schema: preferencesSchema.openApi })
  @ApiOkResponse({ schema: preferencesDoc })
  setPreferences(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<UserPreferences> {
    return this.preferences.set(user, preferencesSchema.parse(body));
  }
}
