import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { requireAdmin } from '../../common/auth/require-admin';
import type { AppSummary } from '../apps/apps.service';
import { TemplatesService, type TemplateSummary } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list(): Promise<TemplateSummary[]> {
    return this.templates.list();
  }

  @Post(':key/install')
  install(@Param('key') key: string, @CurrentUser() user: AuthUser): Promise<AppSummary> {
    requireAdmin(user);
    return this.templates.install(key, user.id);
  }
}
