/**
 * The fixed value shapes of the widgets whose values are objects (address, location,
 * files). A field of such a widget carries exactly this JSON Schema, so any JSON Schema
 * tool reads the record shape; `widgetField` builds it, publish checks it.
 */
import type { ValueSchema } from '../types';

const text = (maxLength: number): ValueSchema => ({ type: 'string', maxLength });

/** An address (province / city / district from the region picker, then the street). */
export const ADDRESS_SHAPE = {
  properties: {
    province: text(50),
    city: text(50),
    district: text(50),
    detail: text(200),
  },
  additionalProperties: false,
} as const satisfies Pick<ValueSchema, 'properties' | 'additionalProperties'>;

/** A point on the map with an optional place name. */
export const LOCATION_SHAPE = {
  properties: {
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lng: { type: 'number', minimum: -180, maximum: 180 },
    address: text(200),
  },
  required: ['lat', 'lng'],
  additionalProperties: false,
} as const satisfies Pick<ValueSchema, 'properties' | 'required' | 'additionalProperties'>;

/** A stored file, as attachment/image items and signatures hold it. */
export const FILE_REF_SHAPE = {
  properties: {
    id: { type: 'string', format: 'uuid', maxLength: 36 },
    name: text(255),
    size: { type: 'integer', minimum: 0 },
    type: text(100),
  },
  required: ['id', 'name', 'size', 'type'],
  additionalProperties: false,
} as const satisfies Pick<ValueSchema, 'properties' | 'required' | 'additionalProperties'>;

/** A user or department id. */
export const ID_SHAPE = { type: 'string', format: 'uuid', maxLength: 36 } as const;
