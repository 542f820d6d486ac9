import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { APP_CONFIG } from '../../config/config.token';
import type { AppConfig } from '../../config/app-config';

@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public('load balancers and probes ask without signing in')
  @Get('health')
  health(): { status: 'ok'; database: 'embedded' | 'postgres' } {
    return { status: 'ok', database: this.config.databaseUrl === null ? 'embedded' : 'postgres' };
  }
}
