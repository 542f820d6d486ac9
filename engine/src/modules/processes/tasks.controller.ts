import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AppError, badRequest } from '../../common/errors/app-error';
import { decodeCursor, parseLimit } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import { RecordsService, type RecordView } from '../records/records.service';
import { TaskActionsService, type TaskActionInput } from './task-actions.service';
import { TaskViewsService, type TaskItem, type TaskView } from './task-views.service';
import { SignedIn, TaskHolder, param } from '../../common/policy/route-policy';

const VIEWS: TaskView[] = ['todo', 'done', 'cc', 'started'];

const actionSchema = new RequestSchema<TaskActionInput>({
  type: 'object',
  properties: {
    action: {
      type: 'string',
      enum: [
        'approve',
        'reject',
        'submit',
        'return',
        'transfer',
        'add_signer',
        'comment',
        'save_draft',
      ],
    },
    comment: { type: 'string', maxLength: 2000 },
    data: { type: 'object', maxProperties: 200 },
    toNodeId: { type: 'string', minLength: 1, maxLength: 64 },
    toUserId: { type: 'string', pattern: UUID_PATTERN },
    userIds: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', pattern: UUID_PATTERN },
    },
    position: { type: 'string', enum: ['before', 'after'] },
    signature: {
      type: 'string',
      maxLength: 300000,
      pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$',
    },
    attachments: {
      type: 'array',
      maxItems: 10,
      uniqueItems: true,
      items: { type: 'string', pattern: UUID_PATTERN },
    },
  },
  required: ['action'],
  additionalProperties: false,
});

interface BatchInput {
  taskIds: string[];
  action: 'approve' | 'reject';
  comment?: string;
}

const batchSchema = new RequestSchema<BatchInput>({
  type: 'object',
  properties: {
    taskIds: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      items: { type: 'string', pattern: UUID_PATTERN },
    },
    action: { type: 'string', enum: ['approve', 'reject'] },
    comment: { type: 'string', maxLength: 2000 },
  },
  required: ['taskIds', 'action'],
  additionalProperties: false,
});

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly views: TaskViewsService,
    private readonly actions: TaskActionsService,
    private readonly records: RecordsService,
  ) {}

  @SignedIn()
  @Get()
  async list(
    @CurrentUser() user: AuthUser,
    @Query('view') view: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('cursor') cursor: string | undefined,
  ): Promise<{ items: TaskItem[]; nextCursor: string | null }> {
    const v = (view ?? 'todo') as TaskView;
    if (!VIEWS.includes(v))
      throw badRequest('invalid_view', `view must be one of ${VIEWS.join(', ')}.`);
    return this.views.list(user.id, v, parseLimit(limit, 50, 100), decodeCursor(cursor));
  }

  /** Many decisions in one call; each task commits (or fails) on its own. */
  @SignedIn()
  @Post('batch-actions')
  @HttpCode(200)
  async batch(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ results: { taskId: string; status: number; code?: string }[] }> {
    const input = batchSchema.parse(body);
    const results: { taskId: string; status: number; code?: string }[] = [];
    for (const taskId of input.taskIds) {
      try {
        await this.actions.act(taskId.toLowerCase(), user, {
          action: input.action,
          ...(input.comment !== undefined ? { comment: input.comment } : {}),
        });
        results.push({ taskId, status: 200 });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ taskId, status: e.status, code: e.code });
      }
    }
    return { results };
  }

  @TaskHolder(param('taskId'))
  @Post(':taskId/actions')
  @HttpCode(200)
  async act(
    @Param('taskId') taskId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ task: { id: string; status: string; action: string }; record: RecordView }> {
    const input = actionSchema.parse(body);
    const done = await this.actions.act(uuidOrNotFound(taskId, 'The task'), user, input);
    const record = await this.records.view(done.recordId, user);
    return { task: { id: done.taskId, status: 'completed', action: input.action }, record };
  }
}
