import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { notFound } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import { definitionBodySchema } from '../apps/definition-body.schema';
import { FormDraftsService, type FormDraft } from './form-drafts.service';
import {
  FormVersionsService,
  type FormVersionDetail,
  type FormVersionList,
} from './form-versions.service';
import { draftDoc, migrationReportDoc, versionDetailDoc, versionListDoc } from './flows.openapi';
import {
  InstanceMigrationService,
  type MigrationInput,
  type MigrationReport,
} from './instance-migration.service';
import { CanBuild, CanPublish, FormPermission, param } from '../../common/policy/route-policy';

const nodeId = { type: 'string', minLength: 1, maxLength: 64 };

const migrationSchema = new RequestSchema<MigrationInput>({
  type: 'object',
  properties: {
    fromVersion: { type: 'integer', minimum: 1 },
    toVersion: { type: 'integer', minimum: 1 },
    nodeMapping: {
      type: 'object',
      maxProperties: 500,
      propertyNames: nodeId,
      additionalProperties: nodeId,
      description: 'Old node id → node id in toVersion; unlisted nodes keep their id.',
    },
    dryRun: { type: 'boolean' },
    instanceIds: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
      items: { type: 'string', pattern: UUID_PATTERN },
      description: 'Only these instances (default: every running one on fromVersion).',
    },
  },
  required: ['fromVersion', 'toVersion', 'nodeMapping', 'dryRun'],
  additionalProperties: false,
});

function versionOrNotFound(raw: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw notFound('The form version');
  return Number(raw);
}

/** Versions of a form: the list, one version whole, the working draft, and migrations. */
@ApiTags('versions')
@ApiBearerAuth()
@Controller('api/forms/:formId')
export class FormVersionsController {
  constructor(
    private readonly versions: FormVersionsService,
    private readonly drafts: FormDraftsService,
    private readonly migrations: InstanceMigrationService,
  ) {}

  @FormPermission('view', param('formId'))
  @Get('versions')
  @ApiOperation({
    summary: 'Published versions, newest first, with running instances per version',
  })
  @ApiOkResponse({ schema: versionListDoc })
  list(@Param('formId') formId: string): Promise<FormVersionList> {
    return this.versions.list(uuidOrNotFound(formId, 'The form'));
  }

  @FormPermission('view', param('formId'))
  @Get('versions/:version')
  @ApiOperation({ summary: 'One published version whole: definition and flow (for a diff)' })
  @ApiOkResponse({ schema: versionDetailDoc })
  version(
    @Param('formId') formId: string,
    @Param('version') version: string,
  ): Promise<FormVersionDetail> {
    return this.versions.get(uuidOrNotFound(formId, 'The form'), versionOrNotFound(version));
  }

  @CanBuild({ form: param('formId') })
  @Get('draft')
  @ApiOperation({ summary: 'The working draft (administrators)' })
  @ApiOkResponse({ schema: draftDoc })
  draft(@Param('formId') formId: string): Promise<FormDraft> {
    return this.drafts.get(uuidOrNotFound(formId, 'The form'));
  }

  @CanBuild({ form: param('formId') })
  @Put('draft')
  @ApiOperation({
    summary: 'Save the working draft (administrators)',
    description:
      'Saved even when it does not validate: the publish-time errors come back as warnings. Publish with POST /api/forms/{formId}/versions.',
  })
  @ApiBody({ schema: definitionBodySchema.openApi })
  @ApiOkResponse({ schema: draftDoc })
  saveDraft(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<FormDraft> {
    const id = uuidOrNotFound(formId, 'The form');
    return this.drafts.save(id, definitionBodySchema.parse(body), user);
  }

  @CanPublish({ form: param('formId') })
  @Post('migrations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move running instances to a newer version (administrators)',
    description:
      'Every node an instance is at must map (explicitly, else by the same id) to a node of the same type in toVersion. dryRun only reports; otherwise each instance moves in its own transaction and the same report comes back.',
  })
  @ApiBody({ schema: migrationSchema.openApi })
  @ApiOkResponse({ schema: migrationReportDoc })
  migrate(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<MigrationReport> {
    const id = uuidOrNotFound(formId, 'The form');
    const input = migrationSchema.parse(body);
    return this.migrations.migrate(
      id,
      { ...input, instanceIds: input.instanceIds?.map((i) => i.toLowerCase()) },
      user,
    );
  }
}
