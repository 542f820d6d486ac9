import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AdminOnly, Public } from '../../common/policy/route-policy';
import { requireAdmin } from '../../common/auth/require-admin';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  HONEYPOT_FIELD,
  PublicLinks,
  type PublicForm,
  type PublicLink,
} from './public-links.service';

const linkSchema = new RequestSchema<{ enabled: boolean; regenerate?: boolean }>({
  type: 'object',
  properties: { enabled: { type: 'boolean' }, regenerate: { type: 'boolean' } },
  required: ['enabled'],
  additionalProperties: false,
});

const publicSubmitSchema = new RequestSchema<{ data: unknown; ticket: string; website?: string }>({
  type: 'object',
  properties: {
    data: {},
    ticket: { type: 'string', pattern: UUID_PATTERN },
    [HONEYPOT_FIELD]: { type: 'string', maxLength: 500 },
  },
  required: ['data', 'ticket'],
  additionalProperties: false,
});

function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

@ApiTags('public forms')
@Controller('api')
export class PublicLinksController {
  constructor(private readonly links: PublicLinks) {}

  @AdminOnly()
  @Get('forms/:formId/public-link')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The form's public link (admins)" })
  async get(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ link: PublicLink | null }> {
    requireAdmin(user);
    return { link: await this.links.get(uuidOrNotFound(formId, 'The form')) };
  }

  @AdminOnly()
  @Put('forms/:formId/public-link')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Switch the public link on or off, or give it a new token (admins)' })
  @ApiBody({ schema: linkSchema.openApi })
  async set(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ link: PublicLink }> {
    requireAdmin(user);
    const { enabled, regenerate } = linkSchema.parse(body);
    return {
      link: await this.links.set(
        uuidOrNotFound(formId, 'The form'),
        enabled,
        regenerate ?? false,
        user,
      ),
    };
  }

  @Public('public form links for lead capture: an unguessable token, rate-limited per address')
  @Get('public/forms/:token')
  @ApiOperation({ summary: 'A public form (no sign-in): its definition and a one-use ticket' })
  open(@Param('token') token: string, @Req() req: Request): Promise<PublicForm> {
    return this.links.open(token, clientOf(req));
  }

  @Public('public form links for lead capture: rate limit, honeypot and one-use tickets')
  @Post('public/forms/:token/records')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit a public form (no sign-in)',
    description: `Rate-limited per address; the ticket from the form load is spent (at least 3 s after it was issued); the honeypot field "${HONEYPOT_FIELD}" must stay empty.`,
  })
  @ApiBody({ schema: publicSubmitSchema.openApi })
  submit(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<{ ok: true; submittedAt: string }> {
    return this.links.submit(token, clientOf(req), publicSubmitSchema.parse(body));
  }
}
