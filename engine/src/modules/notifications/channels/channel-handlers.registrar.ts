import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpEgress } from '../../../common/egress/http-egress';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.token';
import { JobWorker } from '../../jobs/job-worker.service';
import { ROBOT_PLATFORMS } from './channel.types';
import { emailDeliveryHandler } from './email-delivery.handler';
import { robotDeliveryHandler } from './robot-delivery.handler';

/** Gives the job worker the notification deliveries: e-mail and the three chat robots. */
@Injectable()
export class ChannelHandlersRegistrar implements OnModuleInit {
  constructor(
    private readonly worker: JobWorker,
    private readonly egress: HttpEgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.worker.register(emailDeliveryHandler(this.config));
    for (const platform of ROBOT_PLATFORMS)
      this.worker.register(robotDeliveryHandler(platform, this.config, this.egress));
  }
}
