import type { StandInContext } from '@onething/legacy-kit';
import type { XmlElement } from '@onething/runtime/xml';
import type { Catalogue } from '../catalogue';
import type { RegistryRecords } from '../state';

/** What an operation works with. */
export interface OperationEnv {
  readonly ctx: StandInContext;
  readonly records: RegistryRecords;
  readonly catalogue: Catalogue;
  /** Keys of the records read or written (unit codes, ID numbers, case numbers), for the request log. */
  readonly keys: string[];
}

/**
 * One operation of the registry service: reads its request element and answers the children of its
 * `<bdc:…Response>`, or throws a {@link import('../soap').RegistryFault}.
 */
export type Operation = (request: XmlElement, env: OperationEnv) => string | Promise<string>;
