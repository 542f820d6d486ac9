import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { badRequest, notFound } from '../../common/errors/app-error';
import { AutomationRequests } from './automation-requests.service';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request whose raw body the host's JSON parser kept (see docs/automations.md). */
type HookRequest = Request & { rawBody?: Buffer };

/**
 * Inbound webhooks (public: the HMAC signature is the credential). The signature covers
 * the raw body; when the body parser did not keep it, the compact JSON of the parsed body
 * is what was signed — the same bytes for any sender that posts `JSON.stringify` output.
 */
@ApiTags('automations')
@Controller('api/hooks')
export class AutomationHooksController {
  constructor(private readonly requests: AutomationRequests) {}

  @Public('inbound webhooks prove themselves by their HMAC signature')
  @Post(':automationId')
  @HttpCode(202)
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix seconds.' })
  @ApiHeader({
    name: SIGNATURE_HEADER,
    required: true,
    description: 'sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>',
  })
  receive(
    @Param('automationId') automationId: string,
    @Req() req: HookRequest,
    @Headers(TIMESTAMP_HEADER) timestamp: string | undefined,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<{ runId: string }> {
    if (!UUID.test(automationId)) throw notFound('The webhook');
    const body: unknown = req.body;
    if (body === undefined)
      throw badRequest('invalid_body', 'Send a JSON object with Content-Type: application/json.');
    const raw = req.rawBody ? req.rawBody.toString('utf8') : JSON.stringify(body);
    return this.requests.receiveWebhook(
      automationId.toLowerCase(),
      { timestamp, signature },
      raw,
      body,
    );
  }
}
