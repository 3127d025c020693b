// Checks real responses against the bank's own OpenAPI 3.1 document: each recorded exchange is matched to its path
// template and documented status (exact, then 4XX/5XX), and its JSON body validated with ajv's JSON Schema 2020-12
// validator (ajv 8 comes with Fastify). Non-JSON bodies (CSV, PDF) are checked by content type only.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RecordedExchange } from './bank-client.ts';

type MediaObject = { schema?: object };
type ResponseObject = { content?: Record<string, MediaObject> };
type OperationObject = { responses?: Record<string, ResponseObject> };
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, OperationObject>> };

export function createResponseChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  function templateOf(path: string): string | null {
    return templates.find((entry) => entry.pattern.test(path))?.template ?? null;
  }

  /** Problems with one exchange (empty = it matches the document). */
  function check(exchange: RecordedExchange): string[] {
    const template = templateOf(exchange.path);
    if (!template) return [`${exchange.method} ${exchange.path}: not in the document`];
    const operation = document.paths[template]?.[exchange.method.toLowerCase()];
    if (!operation?.responses) return [`${exchange.method} ${template}: method not documented`];
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find(
      (key) => operation.responses?.[key],
    );
    if (!statusKey) return [`${exchange.method} ${template}: status ${exchange.status} not documented`];
    const response = operation.responses[statusKey];
    const content = response?.content;
    if (!content)
      return exchange.body === '' ? [] : [`${exchange.method} ${template} ${exchange.status}: body not documented`];
    const mediaType = Object.keys(content).find((type) => exchange.contentType.startsWith(type));
    if (!mediaType)
      return [`${exchange.method} ${template} ${exchange.status}: content type ${exchange.contentType} not documented`];
    if (mediaType !== 'application/json') return [];
    const cacheKey = `${exchange.method} ${template} ${statusKey}`;
    let validate = compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(content[mediaType]?.schema ?? {});
      compiled.set(cacheKey, validate);
    }
    if (validate(exchange.body)) return [];
    return [`${cacheKey}: ${ajv.errorsText(validate.errors)}`];
  }

  return { check, templateOf };
}
