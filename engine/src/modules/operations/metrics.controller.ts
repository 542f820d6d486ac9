import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/policy/route-policy';
import { AppError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { IdentityService } from '../identity/identity.service';
import { TokenService } from '../identity/token.service';
import { MetricsService } from './metrics.service';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Prometheus' scrape target. Not public: it takes `Authorization: Bearer <token>` where
 * the token is LIUYUN_METRICS_TOKEN (for the scraper) or an administrator's sign-in.
 */
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public('checked in the handler: LIUYUN_METRICS_TOKEN or an administrator’s token')
  @Get('metrics')
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics (LIUYUN_METRICS_TOKEN or an administrator)',
    description:
      'HTTP latency by route, open tasks, outbox and timer lag, incidents, job retries, database pool use, and the Node process metrics.',
  })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.authorize(authorization);
    const { contentType, body } = await this.metrics.exposition();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }

  private async authorize(header: string | undefined): Promise<void> {
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (!token)
      throw new AppError(
        401,
        'unauthenticated',
        'Send Authorization: Bearer <LIUYUN_METRICS_TOKEN or an administrator’s token>.',
      );
    if (this.config.metricsToken !== null && sameSecret(token, this.config.metricsToken)) return;
    const claims = await this.tokens.verify(token);
    const user = claims === null ? null : await this.identity.authUserById(claims.userId);
    if (!user) throw new AppError(401, 'unauthenticated', 'The token is not valid.');
    if (!user.isAdmin)
      throw new AppError(403, 'forbidden', 'Only an administrator may read the metrics.');
  }
}
