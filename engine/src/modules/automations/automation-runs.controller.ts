import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badRequest } from '../../common/errors/app-error';
import { parseLimit } from '../../common/pagination/cursor';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { AutomationRequests } from './automation-requests.service';
import type { AutomationRunView, RunStatus } from './automation.types';
import { AdminOnly } from '../../common/policy/route-policy';

const STATUSES: readonly RunStatus[] = ['queued', 'succeeded', 'failed', 'skipped'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function optionalUuid(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!UUID.test(value)) throw badRequest('validation_failed', `${name} must be a UUID.`);
  return value.toLowerCase();
}

/** The automation run log (admins): filter, read, and re-run with the same input. */
@ApiTags('automations')
@ApiBearerAuth()
@Controller('api/automation-runs')
export class AutomationRunsController {
  constructor(private readonly requests: AutomationRequests) {}

  @AdminOnly()
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query('automationId') automationId: string | undefined,
    @Query('status') status: string | undefined,
    @Query('recordId') recordId: string | undefined,
    @Query('limit') limit: string | undefined,
  ): Promise<AutomationRunView[]> {
    if (status !== undefined && !STATUSES.includes(status as RunStatus))
      throw badRequest('invalid_status', `status must be one of ${STATUSES.join(', ')}.`);
    const filter = {
      limit: parseLimit(limit, 50, 500),
      ...(status !== undefined ? { status: status as RunStatus } : {}),
    };
    const a = optionalUuid(automationId, 'automationId');
    const r = optionalUuid(recordId, 'recordId');
    return this.requests.listRuns({
      ...filter,
      ...(a ? { automationId: a } : {}),
      ...(r ? { recordId: r } : {}),
    });
  }

  @AdminOnly()
  @Get(':id')
  one(@Param('id') id: string): Promise<AutomationRunView> {
    return this.requests.run(uuidOrNotFound(id, 'The run'));
  }

  @AdminOnly()
  @Post(':id/rerun')
  @HttpCode(201)
  rerun(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<AutomationRunView> {
    return this.requests.rerun(uuidOrNotFound(id, 'The run'), user);
  }
}
