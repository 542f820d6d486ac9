import { notFound } from '../errors/app-error';

/** A UUID, as a JSON Schema `pattern` for request bodies. */
export const UUID_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

/** Route ids are UUIDs; anything else names nothing that exists. */
export function uuidOrNotFound(value: string, what: string): string {
  if (!UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}
