import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../../common/errors/app-error';
import { parseLimit } from '../../common/pagination/cursor';
import { AdminOnly } from '../../common/policy/route-policy';
import { UUID_PATTERN } from '../../common/validation/uuid-param';
import { auditPageDoc } from './audit.openapi';
import { AuditQueryService, type AuditEntryView, type AuditFilter } from './audit-query.service';

const UUID = new RegExp(UUID_PATTERN);
const SEQ = /^[1-9][0-9]{0,17}$/;
const ACTION = /^[a-z][a-z0-9_.]*\*?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

const invalid = (name: string, what: string) =>
  badRequest('invalid_filter', `${name} must be ${what}.`, [
    { instancePath: `/${name}`, keyword: 'format', message: `must be ${what}`, params: {} },
  ]);

function text(name: string, raw: string | undefined, max: number): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > max) throw invalid(name, `at most ${max} characters`);
  return raw;
}

function instant(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const at = new Date(raw);
  if (!ISO_INSTANT.test(raw) || Number.isNaN(at.getTime()))
    throw invalid(name, 'an ISO 8601 date-time with a time zone (2026-01-31T09:00:00Z)');
  return at;
}

/** The audit log, for administrators: who changed what, newest first. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @AdminOnly()
  @Get()
  @ApiOperation({
    summary: 'The audit log, newest first (administrators)',
    description:
      'Every state-changing request wrote one row. Filters combine with AND. Pages run newest first: pass the answer’s nextAfter as `after` for older rows. Secrets (passwords, tokens, keys) are always redacted.',
  })
  @ApiQuery({ name: 'actorId', required: false, description: 'The user who acted (uuid)' })
  @ApiQuery({ name: 'entityType', required: false, example: 'user' })
  @ApiQuery({ name: 'entityId', required: false })
  @ApiQuery({
    name: 'action',
    required: false,
    description: 'An action (user.create) or a prefix ending in * (user.*)',
  })
  @ApiQuery({ name: 'from', required: false, description: 'From this instant on (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'Before this instant (ISO 8601)' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiQuery({ name: 'after', required: false, description: 'nextAfter of the previous page' })
  @ApiOkResponse({ schema: auditPageDoc })
  list(
    @Query('actorId') actorId: string | undefined,
    @Query('entityType') entityType: string | undefined,
    @Query('entityId') entityId: string | undefined,
    @Query('action') action: string | undefined,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('after') after: string | undefined,
  ): Promise<{ items: AuditEntryView[]; nextAfter: string | null }> {
    const filter: AuditFilter = { limit: parseLimit(limit, 50, 200) };
    const actor = text('actorId', actorId, 36);
    if (actor !== undefined) {
      if (!UUID.test(actor)) throw invalid('actorId', 'a user id (uuid)');
      filter.actorId = actor.toLowerCase();
    }
    const type = text('entityType', entityType, 64);
    if (type !== undefined) filter.entityType = type;
    const id = text('entityId', entityId, 200);
    if (id !== undefined) filter.entityId = id;
    const act = text('action', action, 100);
    if (act !== undefined) {
      if (!ACTION.test(act)) throw invalid('action', 'an action such as user.create or user.*');
      filter.action = act;
    }
    const fromAt = instant('from', from);
    const toAt = instant('to', to);
    if (fromAt && toAt && fromAt.getTime() > toAt.getTime())
      throw badRequest('invalid_range', 'from must not be after to.');
    if (fromAt) filter.from = fromAt;
    if (toAt) filter.to = toAt;
    if (after !== undefined && after !== '') {
      if (!SEQ.test(after))
        throw badRequest('invalid_cursor', 'The cursor is not one this server gave out.');
      filter.before = after;
    }
    return this.audit.list(filter);
  }
}
