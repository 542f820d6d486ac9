import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'liuyun:isPublic';

/** Marks a route that needs no sign-in. Every other route is guarded. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
