import { Module } from '@nestjs/common';
import { HttpEgress } from '../../common/egress/http-egress';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { JobsModule } from '../jobs/jobs.module';
import { ChannelHandlersRegistrar } from './channels/channel-handlers.registrar';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications and preferences, the dispatcher that turns a notification into
 * outbox jobs, and the handlers that deliver them (SMTP and the chat robots).
 */
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    ChannelHandlersRegistrar,
    {
      provide: HttpEgress,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new HttpEgress(config.egressAllowHosts),
    },
  ],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}
