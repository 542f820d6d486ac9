import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { notFound } from '../../common/errors/app-error';
import { CanBuild, SignedIn, param } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  chartDataDoc,
  chartDefinitionDoc,
  chartFormsDoc,
  dashboardDataDoc,
  dashboardDefinitionDoc,
  dashboardSummaryDoc,
  dashboardViewDoc,
} from './analytics.openapi';
import type { ChartData } from './chart-evaluator.service';
import {
  DashboardsService,
  type ChartForm,
  type DashboardData,
  type DashboardSummary,
  type DashboardView,
} from './dashboards.service';

const APP_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

function appKeyOrNotFound(raw: string): string {
  if (!APP_KEY.test(raw)) throw notFound('The app');
  return raw;
}

const updateSchema = new RequestSchema<{ version: number; definition: unknown }>({
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1, description: 'The version the edit was made from.' },
    definition: { type: 'object' },
  },
  required: ['version', 'definition'],
  additionalProperties: false,
});

const previewSchema = new RequestSchema<{ chart: unknown; timeZone?: string }>({
  type: 'object',
  properties: {
    chart: { type: 'object' },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['chart'],
  additionalProperties: false,
});

/** Dashboards of an app: anyone signed in looks at them (within what they may see); admins edit. */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('api')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @SignedIn()
  @Get('apps/:appKey/dashboards')
  @ApiOperation({ summary: "The app's dashboards, in order" })
  @ApiOkResponse({ schema: { type: 'array', items: dashboardSummaryDoc } })
  list(@Param('appKey') appKey: string): Promise<DashboardSummary[]> {
    return this.dashboards.list(appKeyOrNotFound(appKey));
  }

  @CanBuild({ appKey: param('appKey') })
  @Post('apps/:appKey/dashboards')
  @ApiOperation({
    summary: 'Create a dashboard (administrators)',
    description:
      'The definition is checked against the app’s published forms: 422 definition_invalid with coded errors (unknown_form, unknown_field, field_type_mismatch, invalid_filter, chart_shape_mismatch, ...), 409 duplicate_key.',
  })
  @ApiBody({ schema: dashboardDefinitionDoc })
  @ApiOkResponse({ schema: dashboardViewDoc })
  create(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<DashboardView> {
    return this.dashboards.create(appKeyOrNotFound(appKey), body, user);
  }

  @CanBuild({ appKey: param('appKey') }, { readOnly: true })
  @Get('apps/:appKey/chart-forms')
  @ApiOperation({
    summary: 'The app’s forms with the fields charts may use (administrators: the editor)',
  })
  @ApiOkResponse({ schema: chartFormsDoc })
  chartForms(@Param('appKey') appKey: string): Promise<ChartForm[]> {
    return this.dashboards.chartForms(appKeyOrNotFound(appKey));
  }

  @CanBuild({ appKey: param('appKey') }, { readOnly: true })
  @Post('apps/:appKey/chart-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Evaluate one chart without saving it (administrators: the editor’s live preview)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['chart'],
      properties: { chart: chartDefinitionDoc, timeZone: { type: 'string' } },
    },
  })
  @ApiOkResponse({ schema: chartDataDoc })
  preview(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<ChartData> {
    const input = previewSchema.parse(body);
    return this.dashboards.preview(appKeyOrNotFound(appKey), input.chart, input.timeZone, user);
  }

  @SignedIn()
  @Get('dashboards/:id')
  @ApiOperation({ summary: 'One dashboard with its definition' })
  @ApiOkResponse({ schema: dashboardViewDoc })
  get(@Param('id') id: string): Promise<DashboardView> {
    return this.dashboards.get(uuidOrNotFound(id, 'The dashboard'));
  }

  @SignedIn()
  @Get('dashboards/:id/data')
  @ApiOperation({
    summary: "Every chart's values, counted over the records and tasks the caller may see",
  })
  @ApiOkResponse({ schema: dashboardDataDoc })
  data(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<DashboardData> {
    return this.dashboards.data(uuidOrNotFound(id, 'The dashboard'), user);
  }

  @CanBuild({ dashboard: param('id') })
  @Put('dashboards/:id')
  @ApiOperation({
    summary: 'Save a dashboard over the version it was edited from (administrators)',
    description: '409 stale_version when someone saved in between; the key cannot change.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['version', 'definition'],
      properties: { version: { type: 'integer' }, definition: dashboardDefinitionDoc },
    },
  })
  @ApiOkResponse({ schema: dashboardViewDoc })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<DashboardView> {
    const dashboardId = uuidOrNotFound(id, 'The dashboard');
    const input = updateSchema.parse(body);
    return this.dashboards.update(dashboardId, input.version, input.definition, user);
  }

  @CanBuild({ dashboard: param('id') })
  @Delete('dashboards/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a dashboard (administrators)' })
  @ApiNoContentResponse()
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.dashboards.remove(uuidOrNotFound(id, 'The dashboard'), user);
  }
}
