import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { requireAdmin } from '../../common/auth/require-admin';
import { badRequest } from '../../common/errors/app-error';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { IncidentsService, type IncidentView } from './incidents.service';

const STATUSES = ['open', 'resolved', 'all'] as const;

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query('status') status: string | undefined,
  ): Promise<IncidentView[]> {
    requireAdmin(user);
    const s = (status ?? 'open') as (typeof STATUSES)[number];
    if (!STATUSES.includes(s))
      throw badRequest('invalid_status', 'status must be open, resolved or all.');
    return this.incidents.list(s);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<IncidentView> {
    requireAdmin(user);
    return this.incidents.retry(uuidOrNotFound(id, 'The incident'), user);
  }
}
