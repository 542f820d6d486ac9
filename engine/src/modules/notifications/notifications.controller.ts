import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { decodeCursor, parseLimit } from '../../common/pagination/cursor';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  NotificationsService,
  type NotificationItem,
  type Preferences,
} from './notifications.service';
import { SignedIn } from '../../common/policy/route-policy';

/** The caller's in-app notifications, and which channels they want. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @SignedIn()
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query('limit') limit: string | undefined,
    @Query('cursor') cursor: string | undefined,
  ): Promise<{ items: NotificationItem[]; nextCursor: string | null; unread: number }> {
    return this.notifications.list(user, parseLimit(limit, 50, 100), decodeCursor(cursor));
  }

  @SignedIn()
  @Get('preferences')
  preferences(@CurrentUser() user: AuthUser): Promise<Preferences> {
    return this.notifications.preferences(user);
  }

  @SignedIn()
  @Post('preferences')
  @HttpCode(200)
  setPreferences(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<Preferences> {
    return this.notifications.setPreferences(body, user);
  }

  @SignedIn()
  @Post(':id/read')
  @HttpCode(200)
  markRead(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ id: string; read: true }> {
    return this.notifications.markRead(uuidOrNotFound(id, 'The notification'), user);
  }
}
