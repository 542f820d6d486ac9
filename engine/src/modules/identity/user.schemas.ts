import { UUID_PATTERN } from '../../common/validation/uuid-param';

/** At least 8 characters; long passphrases welcome. */
export const passwordSchema = { type: 'string', minLength: 8, maxLength: 200 } as const;
export const usernameSchema = {
  type: 'string',
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;
const displayName = { type: 'string', minLength: 1, maxLength: 100 } as const;
const email = {
  type: 'string',
  maxLength: 200,
  pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
} as const;
const uuidOrNull = {
  anyOf: [{ type: 'string', pattern: UUID_PATTERN }, { type: 'null' }],
} as const;
const roleKeys = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' },
} as const;

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  email?: string | null;
  departmentId?: string | null;
  roles?: string[];
  isAdmin?: boolean;
}

export const createUserSchema = {
  type: 'object',
  properties: {
    username: usernameSchema,
    displayName,
    password: passwordSchema,
    email: { anyOf: [email, { type: 'null' }] },
    departmentId: uuidOrNull,
    roles: roleKeys,
    isAdmin: { type: 'boolean' },
  },
  required: ['username', 'displayName', 'password'],
  additionalProperties: false,
} as const;

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  departmentId?: string | null;
  roles?: string[];
  isAdmin?: boolean;
  disabled?: boolean;
}

export const updateUserSchema = {
  type: 'object',
  properties: {
    displayName,
    email: { anyOf: [email, { type: 'null' }] },
    departmentId: uuidOrNull,
    roles: roleKeys,
    isAdmin: { type: 'boolean' },
    disabled: { type: 'boolean' },
  },
  minProperties: 1,
  additionalProperties: false,
} as const;

export const resetPasswordSchema = {
  type: 'object',
  properties: { password: passwordSchema },
  required: ['password'],
  additionalProperties: false,
} as const;

export const importUsersSchema = {
  type: 'object',
  properties: { csv: { type: 'string', minLength: 1, maxLength: 500_000 } },
  required: ['csv'],
  additionalProperties: false,
} as const;
