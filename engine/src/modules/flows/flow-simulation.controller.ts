import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badRequest } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import {
  FlowSimulationService,
  type SimulateInput,
  type SimulationAnswer,
} from './flow-simulation.service';
import { simulationAnswerDoc } from './flows.openapi';
import { FormPermission, SignedIn, param } from '../../common/policy/route-policy';

const ISO_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})$';
const username = { type: 'string', minLength: 1, maxLength: 100 };

const decisionSchema = {
  type: 'object',
  properties: {
    nodeId: { type: 'string', minLength: 1, maxLength: 64 },
    action: {
      type: 'string',
      enum: ['approve', 'reject', 'submit', 'return', 'transfer', 'add_signer'],
    },
    by: { ...username, description: 'Username whose open task at the node decides.' },
    toNodeId: { type: 'string', minLength: 1, maxLength: 64 },
    toUser: { ...username, description: 'transfer: username who takes the task.' },
    users: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: username,
      description: 'add_signer: usernames.',
    },
    position: { type: 'string', enum: ['before', 'after'] },
    data: { type: 'object', maxProperties: 200 },
  },
  required: ['nodeId', 'action'],
  additionalProperties: false,
};

export const simulateSchema = new RequestSchema<SimulateInput>({
  type: 'object',
  properties: {
    formId: { type: 'string', pattern: UUID_PATTERN },
    flow: { type: 'object', description: 'A draft flow (admins); checked like at publish.' },
    record: {
      type: 'object',
      description: 'Sample data, evaluated by the form like a submission.',
    },
    submitter: { ...username, description: 'Who submits (default: the caller).' },
    decisions: {
      oneOf: [
        { type: 'array', maxItems: 200, items: decisionSchema },
        { type: 'string', enum: ['approve_all'] },
      ],
    },
    startAt: { type: 'string', pattern: ISO_PATTERN, description: 'The virtual clock start.' },
    subprocessOutcomes: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: { type: 'string', enum: ['approved', 'rejected', 'withdrawn'] },
    },
  },
  required: ['record'],
  additionalProperties: false,
});

@ApiTags('flows')
@ApiBearerAuth()
@Controller('api/flows')
export class FlowSimulationController {
  constructor(private readonly simulation: FlowSimulationService) {}

  /** Runs a flow on sample data through the engine's runtime; stores nothing. */
  @SignedIn({ readOnly: true })
  @Post('simulate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Simulate a flow (published, by formId, or a draft flow) on sample data',
    description:
      'Runs the same runtime as real instances with the real organisation and a virtual clock on the business calendar. Nothing is stored. Simulating a draft `flow` needs an administrator; an invalid draft answers 422 definition_invalid with the publish-time codes.',
  })
  @ApiBody({ schema: simulateSchema.openApi })
  @ApiOkResponse({ schema: simulationAnswerDoc })
  simulate(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<SimulationAnswer> {
    const input = simulateSchema.parse(body);
    if (input.startAt !== undefined && Number.isNaN(Date.parse(input.startAt))) {
      throw badRequest('validation_failed', 'The request is not valid.', [
        {
          instancePath: '/startAt',
          keyword: 'format',
          message: 'must be a real date-time',
          params: { format: 'date-time' },
        },
      ]);
    }
    if (input.formId !== undefined) input.formId = uuidOrNotFound(input.formId, 'The form');
    return this.simulation.simulate(input, user);
  }

  /** The same, for one form's flow: `POST /api/flows/{formId}/simulate` (body without formId). */
  @FormPermission('view', param('formId'), { readOnly: true })
  @Post(':formId/simulate')
  @HttpCode(200)
  @ApiOperation({ summary: "Simulate a form's flow (published, or a draft `flow` in the body)" })
  @ApiBody({ schema: simulateSchema.openApi })
  @ApiOkResponse({ schema: simulationAnswerDoc })
  simulateForm(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<SimulationAnswer> {
    const withForm =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? { ...(body as Record<string, unknown>), formId: uuidOrNotFound(formId, 'The form') }
        : body;
    return this.simulate(withForm, user);
  }
}
