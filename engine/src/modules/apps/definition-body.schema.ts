import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { RequestSchema } from '../../common/validation/request-validator';

/** A form definition with its flow: the body of publishing and of saving a draft. */
export interface DefinitionBody {
  definition: FormDefinition;
  flow?: FlowDefinition | null;
}

// The documents themselves are checked by @liuyun/definitions, with stable codes.
export const definitionBodySchema = new RequestSchema<DefinitionBody>({
  type: 'object',
  properties: {
    definition: { type: 'object' },
    flow: { type: ['object', 'null'] },
  },
  required: ['definition'],
  additionalProperties: false,
});
