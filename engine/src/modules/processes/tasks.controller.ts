import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badRequest } from '../../common/errors/app-error';
import { decodeCursor, parseLimit } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { RecordsService, type RecordView } from '../records/records.service';
import { TaskActionsService, type TaskActionInput } from './task-actions.service';
import { TaskViewsService, type TaskItem, type TaskView } from './task-views.service';

const VIEWS: TaskView[] = ['todo', 'done', 'cc', 'started'];

const actionSchema = new RequestSchema<TaskActionInput>({
  type: 'object',
  properties: {
    action: { type: 'string', enum: ['approve', 'reject'] },
    comment: { type: 'string', maxLength: 2000 },
    data: { type: 'object' },
  },
  required: ['action'],
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
