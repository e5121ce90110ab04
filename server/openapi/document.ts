// The OpenAPI 3.1 document of /api/v1, generated from the route specs: the same zod schemas that validate each
// request and answer (JSON Schema 2020-12, OpenAPI 3.1's own dialect), so the document cannot drift.
import { z } from 'zod';
import { Problem } from '../../shared/api/problem.js';
import type { RouteSpec } from '../routes/route.js';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid (`validation_failed`, `malformed_json`)',
  401: 'No valid bearer token (`unauthenticated`)',
  403: 'Signed in but not allowed (`forbidden`)',
  404: 'Not found (`not_found`)',
  409: 'Refused by a business rule (see `code`)',
  413: 'The body is too large (`body_too_large`)',
  415: 'Wrong content type (`unsupported_media_type`)',
  422: 'Nothing could be done with this input (see `code`)',
  429: 'Too many requests (`rate_limited`)',
  500: 'Our fault (`internal_error`)',
  503: 'Sign-in cannot be checked right now (`auth_unavailable`)',
};

function schemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.core.$ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function operationOf(spec: RouteSpec): JsonSchema {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const errorStatuses = new Set([400, 429, 500, ...(spec.errors ?? [])]);
  if (spec.access !== 'public') [401, 403, 503].forEach((s) => errorStatuses.add(s));
  const responses: Record<string, unknown> = {
    [spec.success.status]: {
      description: spec.success.description,
      ...(spec.success.schema
        ? { content: { 'application/json': { schema: schemaOf(spec.success.schema, 'output') } } }
        : spec.success.contentType
          ? { content: { [spec.success.contentType]: { schema: { type: 'string' } } } }
          : {}),
    },
  };
  for (const status of [...errorStatuses].sort()) {
    responses[status] = { description: STATUS_TEXT[status] ?? 'Error', content: problem };
  }
  const op: JsonSchema = {
    operationId: spec.name,
    summary: spec.summary,
    tags: [spec.tag],
    'x-interlog-access': spec.access,
    parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
    responses,
    security: spec.access === 'public' ? [] : [{ bearer: [] }],
  };
  if (spec.body) {
    const content =
      spec.bodyType === 'csv'
        ? { 'text/csv': { schema: { type: 'string' } } }
        : { 'application/json': { schema: schemaOf(spec.body, 'input') } };
    op.requestBody = { required: true, content };
  }
  return op;
}

export function openApiDocument(specs: RouteSpec[], o: { version: string; serverUrl: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[spec.method] = operationOf(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Interlog API',
      version: o.version,
      description:
        'Email-logging CRM companion for Outlook. Every error is application/problem+json with a stable `code`. ' +
        'Access: `user` any signed-in user, `staff` salespeople and admins, `admin` admins only.',
    },
    servers: [{ url: `${o.serverUrl}/api/v1` }],
    paths,
    components: {
      schemas: { Problem: schemaOf(Problem, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
