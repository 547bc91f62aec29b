/** How every service answers HTTP errors: the one error shape, its Fastify plugin and the raw refusals. */
export {
  type ErrorAnswer,
  type ErrorShapeOptions,
  errorShape,
  refusingServerOptions,
  sendError,
} from './error-shape';
export {
  clientErrorHandler,
  frameworkRefusal,
  JsonBodyError,
  parseJsonBody,
  type Refusal,
} from './http-refusals';
export { type TraceRequestsOptions, traceRequests } from './http-tracing';
