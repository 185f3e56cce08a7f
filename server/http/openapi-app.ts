import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
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
