import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { JobWorker } from './job-worker.service';
import { AdminOnly } from '../../common/policy/route-policy';

interface RunInput {
  asOf?: string;
  limit?: number;
}

const runSchema = new RequestSchema<RunInput>({
  type: 'object',
  properties: {
    asOf: { type: 'string', maxLength: 40 },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
  },
  additionalProperties: false,
});

/**
 * Runs one pass of this process's job worker now. For operators (drain a queue after
 * an outage without waiting for the poll) and for the reliability tests, which move
 * time with `asOf` instead of sleeping.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/admin/jobs')
export class JobsController {
  constructor(private readonly worker: JobWorker) {}

  @AdminOnly()
  @Post('run')
  @HttpCode(200)
  async run(@Body() body: unknown): Promise<{ processed: number; worker: string }> {
    const input = runSchema.parse(body ?? {});
    let asOf: Date | undefined;
    if (input.asOf !== undefined) {
      asOf = new Date(input.asOf);
      if (Number.isNaN(asOf.getTime()))
        throw badRequest('validation_failed', 'asOf must be an ISO date-time.');
    }
    const processed = await this.worker.runOnce({
      ...(asOf ? { asOf } : {}),
      ...(input.limit ? { limit: input.limit } : {}),
    });
    return { processed, worker: this.worker.workerId };
  }
}
