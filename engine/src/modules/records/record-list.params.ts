import { RequestSchema } from '../../common/validation/request-validator';
import type { ListQueryInput } from './record-list.query';

export interface ListQueryParams {
  filter?: string;
  sort?: string;
  search?: string;
  columns?: string;
  tz?: string;
  limit?: string;
  cursor?: string;
  field?: string;
  format?: string;
}

/** The query string of list, groups and export routes; each value once, as text. */
export const listQuerySchema = new RequestSchema<ListQueryParams>({
  type: 'object',
  properties: {
    filter: { type: 'string', maxLength: 20000 },
    sort: { type: 'string', maxLength: 200 },
    search: { type: 'string', maxLength: 200 },
    columns: { type: 'string', maxLength: 20000 },
    tz: { type: 'string', maxLength: 64 },
    limit: { type: 'string', maxLength: 10 },
    cursor: { type: 'string', maxLength: 4000 },
    field: { type: 'string', maxLength: 64 },
    format: { enum: ['csv', 'xlsx'] },
  },
  additionalProperties: false,
});

export function listInputOf(q: ListQueryParams): ListQueryInput {
  const input: ListQueryInput = {};
  if (q.filter !== undefined) input.filter = q.filter;
  if (q.sort !== undefined) input.sort = q.sort;
  if (q.search !== undefined) input.search = q.search;
  if (q.tz !== undefined) input.tz = q.tz;
  if (q.columns !== undefined && q.columns !== '')
    input.columns = q.columns
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
  return input;
}
