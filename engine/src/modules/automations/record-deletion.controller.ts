import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { RecordDeletion } from './record-deletion.service';
import { RecordPermission, param } from '../../common/policy/route-policy';

/** Deleting a record (the submitter or an admin); `record_deleted` automations react. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/records')
export class RecordDeletionController {
  constructor(private readonly deletion: RecordDeletion) {}

  @RecordPermission('delete', param('id'))
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.deletion.deleteByUser(uuidOrNotFound(id, 'The record'), user);
  }
}
