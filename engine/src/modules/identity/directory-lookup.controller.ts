import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { PickerScope } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { SignedIn } from '../../common/policy/route-policy';
import { badRequest } from '../../common/errors/app-error';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { FieldLookups } from '../fields/field-lookups.service';
import { PickerPool, type PoolDepartment, type PoolUser } from '../fields/picker-pool.repository';

const MAX_IDS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `ids=a,b,c` as a list of distinct user ids; anything else is refused. */
function userIds(raw: string): string[] {
  const list = [...new Set(raw.split(',').filter((s) => s !== ''))];
  if (list.length === 0 || list.length > MAX_IDS || !list.every((id) => UUID.test(id)))
    throw badRequest(
      'invalid_query',
      `\`ids\` takes 1 to ${MAX_IDS} user ids separated by commas.`,
    );
  return list;
}

/**
 * Read-only lookups for member and department pickers: who (and which departments) a
 * picker offers, limited by the field's `x-scope` when `form` and `field` are given.
 * Signed-in users only; names and departments, nothing more.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/directory')
export class DirectoryLookupController {
  constructor(
    private readonly db: DataSource,
    private readonly pool: PickerPool,
    private readonly lookups: FieldLookups,
  ) {}

  private async scopeOf(form?: string, field?: string): Promise<PickerScope | undefined> {
    if (form === undefined && field === undefined) return undefined;
    if (form === undefined || field === undefined)
      throw badRequest('invalid_query', 'Give both `form` and `field`, or neither.');
    return (await this.lookups.fieldOf(uuidOrNotFound(form, 'The form'), field))['x-scope'];
  }

  @Get('users')
  @SignedIn({ readOnly: true })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'form', required: false })
  @ApiQuery({ name: 'field', required: false })
  @ApiQuery({
    name: 'ids',
    required: false,
    description: `Comma-separated user ids (at most ${MAX_IDS}): the names behind member values, disabled users included.`,
  })
  async users(
    @CurrentUser() _user: AuthUser,
    @Query('q') q: string | undefined,
    @Query('form') form: string | undefined,
    @Query('field') field: string | undefined,
    @Query('ids') ids: string | undefined,
  ): Promise<{ items: PoolUser[] }> {
    if (ids !== undefined) {
      const list = userIds(ids);
      return {
        items: await this.pool.users(this.db.manager, undefined, {
          ids: list,
          limit: list.length,
          includeDisabled: true,
        }),
      };
    }
    const scope = await this.scopeOf(form, field);
    const search = (q ?? '').slice(0, 100);
    return {
      items: await this.pool.users(this.db.manager, scope, {
        ...(search !== '' ? { search } : {}),
        limit: 200,
      }),
    };
  }

  @Get('departments')
  @SignedIn({ readOnly: true })
  @ApiQuery({ name: 'form', required: false })
  @ApiQuery({ name: 'field', required: false })
  async departments(
    @CurrentUser() _user: AuthUser,
    @Query('form') form: string | undefined,
    @Query('field') field: string | undefined,
  ): Promise<{ items: PoolDepartment[] }> {
    const scope = await this.scopeOf(form, field);
    return { items: await this.pool.departments(this.db.manager, scope, { limit: 1000 }) };
  }
}
