import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import {
  BusinessCalendarService,
  calendarSchema,
  type BusinessCalendarSettings,
} from './business-calendar.service';
import { AdminOnly, SignedIn } from '../../common/policy/route-policy';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class BusinessCalendarController {
  constructor(private readonly calendar: BusinessCalendarService) {}

  @SignedIn()
  @Get()
  @ApiOperation({ summary: 'The business calendar deadlines are counted on' })
  @ApiOkResponse({ schema: calendarSchema.openApi })
  get(): Promise<BusinessCalendarSettings> {
    return this.calendar.get();
  }

  @AdminOnly()
  @Put()
  @ApiOperation({
    summary: 'Replace the business calendar (administrators)',
    description:
      'Working hours as minutes after local midnight, working weekdays (0 = Sunday), holidays and make-up work days (YYYY-MM-DD, real dates, none in both lists), and the UTC offset. New deadlines use it at once.',
  })
  @ApiBody({ schema: calendarSchema.openApi })
  @ApiOkResponse({ schema: calendarSchema.openApi })
  put(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<BusinessCalendarSettings> {
    return this.calendar.put(body, user);
  }
}
