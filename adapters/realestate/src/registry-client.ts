import type { DepartmentClient } from '@onething/adapter-core';
import type { XmlElement } from '@onething/runtime/xml';
import type { z } from 'zod';
import { toPlain } from './plain';
import {
  BDC_NS,
  type ProblemPath,
  type RegistryOperation,
  readAnswer,
  SERVICE_PATH,
  soapRequest,
} from './soap';

/** Reads an answer element with a schema; a mismatch throws, which the client reports as MALFORMED_RESPONSE. */
export function parsed<S extends z.ZodType>(schema: S): (answer: XmlElement) => z.output<S> {
  return (answer) => schema.parse(toPlain(answer, BDC_NS));
}

/** The registry's operations over the department client: one envelope per call, every answer validated. */
export class RegistryCalls {
  constructor(
    readonly client: DepartmentClient,
    private readonly caller: string,
  ) {}

  /**
   * Calls `op`. Reads (`kind: 'read'`) are retried by the client; writes never are, since the registry
   * would make a second case of a repeated submission.
   */
  call<T>(
    op: RegistryOperation,
    kind: 'read' | 'write',
    content: readonly string[],
    read: (answer: XmlElement) => T,
    problemPath?: ProblemPath,
  ): Promise<T> {
    return this.client.call({
      op,
      kind,
      method: 'POST',
      path: SERVICE_PATH,
      request: () => soapRequest(op, content, this.caller),
      interpret: (res) => read(readAnswer(this.client.department, op, res, problemPath)),
    });
  }
}
