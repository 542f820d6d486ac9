import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badRequest } from '../../common/errors/app-error';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { IncidentsService, type IncidentView } from './incidents.service';
import { AdminOnly } from '../../common/policy/route-policy';

const STATUSES = ['open', 'resolved', 'all'] as const;

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @AdminOnly()
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query('status') status: string | undefined,
  ): Promise<IncidentView[]> {
    const s = (status ?? 'open') as (typeof STATUSES)[number];
    if (!STATUSES.includes(s))
      throw badRequest('invalid_status', 'status must be open, resolved or all.');
    return this.incidents.list(s);
  }

  @AdminOnly()
  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<IncidentView> {
    return this.incidents.retry(uuidOrNotFound(id, 'The incident'), user);
  }
}
