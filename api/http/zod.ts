/**
 * zod with the OpenAPI extension applied: schema modules import `z` from here, so `.openapi()`
 * exists whatever order modules load in.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
