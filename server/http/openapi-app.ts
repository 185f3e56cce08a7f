import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError, ZodType } from 'zod';
import { zodToValidationError } from './problem';

/** Every sub-app validates the same way: invalid input throws, the one error handler answers. */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw zodToValidationError(result.error as ZodError, result.target);
    },
  });
}

/** Shared OpenAPI response entries. */
export const problemResponses = {
  400: { description: 'Invalid input (problem+json naming the field)' },
  404: { description: 'Not found (problem+json)' },
  422: { description: 'Invalid body (problem+json naming the field)' },
} as const;

/** A required JSON request body. */
export const jsonBody = <T extends ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** A JSON success response plus the shared problem responses and a 409 described per resource. */
export const jsonResponses = <T extends ZodType>(
  schema: T,
  description: string,
  opts: { status?: 200 | 201; conflict?: string } = {},
) => ({
  [opts.status ?? 200]: { description, content: { 'application/json': { schema } } },
  ...problemResponses,
  409: { description: `${opts.conflict ?? 'Conflicts with the current state'} (problem+json)` },
});
