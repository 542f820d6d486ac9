import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly, Public } from '../../common/policy/route-policy';
import { AppError } from '../../common/errors/app-error';
import { ReadinessService, type Readiness } from './readiness.service';
import { OperationsFiguresService, type OperationsFigures } from './operations-figures.service';
import { operationsFiguresDoc, readinessDoc } from './operations.openapi';

@ApiTags('operations')
@Controller('api')
export class OperationsController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly figures: OperationsFiguresService,
  ) {}

  @Public('readiness probe for load balancers and orchestrators')
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database reachable, migrations current, workers running, not stopping',
    description:
      'For load balancers and orchestrators: 200 when this process should get traffic, 503 (with the same checks in error.details) when not — including while it shuts down.',
  })
  @ApiOkResponse({ schema: readinessDoc })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const state = await this.readiness.check();
    if (!state.ready) {
      res.setHeader('Retry-After', '5');
      throw new AppError(503, 'not_ready', 'This process is not ready to take work.', [state]);
    }
    return state;
  }

  @AdminOnly()
  @ApiBearerAuth()
  @Get('admin/metrics')
  @ApiOperation({
    summary: 'The figures of /metrics as JSON, for the admin page (administrators)',
    description:
      'Database-wide figures (open tasks, outbox and timer lag, incidents, jobs) and this process’s own (HTTP latency by route, job retries, connection pool).',
  })
  @ApiOkResponse({ schema: operationsFiguresDoc })
  metrics(): Promise<OperationsFigures> {
    return this.figures.read();
  }
}
