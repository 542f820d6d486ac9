import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import type { AppSummary } from '../apps/apps.service';
import { TemplatesService, type TemplateSummary } from './templates.service';
import { AdminOnly, SignedIn } from '../../common/policy/route-policy';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @SignedIn()
  @Get()
  list(): Promise<TemplateSummary[]> {
    return this.templates.list();
  }

  @AdminOnly()
  @Post(':key/install')
  install(@Param('key') key: string, @CurrentUser() user: AuthUser): Promise<AppSummary> {
    return this.templates.install(key, user.id);
  }
}
