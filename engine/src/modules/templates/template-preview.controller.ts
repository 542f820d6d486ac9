import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/policy/route-policy';
import type { TemplatePreview } from '@liuyun/definitions';
import { TemplatesService } from './templates.service';

const i18n = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } };

const previewDoc = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: i18n,
    description: i18n,
    installed: { type: 'boolean' },
    roles: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: 'string' }, name: i18n } },
    },
    forms: {
      type: 'array',
      description: 'Each form definition whole, with its flow (null when it has none).',
      items: {
        type: 'object',
        properties: { form: { type: 'object' }, flow: { type: 'object', nullable: true } },
      },
    },
    dashboards: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          name: i18n,
          description: { ...i18n, nullable: true },
          charts: { type: 'array', items: { type: 'object', properties: { title: i18n } } },
        },
      },
    },
    sampleRecords: { type: 'integer', description: 'Sample records loaded in demo mode.' },
  },
};

/** What a template holds, before installing it: its forms, flows, dashboards and roles. */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/templates')
export class TemplatePreviewController {
  constructor(private readonly templates: TemplatesService) {}

  @AdminOnly()
  @Get(':key')
  @ApiOperation({
    summary: "A template's forms, flows and dashboards (administrators: the gallery)",
  })
  @ApiOkResponse({ schema: previewDoc })
  preview(@Param('key') key: string): Promise<TemplatePreview> {
    return this.templates.preview(key);
  }
}
