import type { OperationName } from '../codes';
import { assessFees } from './assess-fees';
import { getCertificates } from './get-certificates';
import { listItems } from './list-items';
import { queryApplication, queryApplicationsByReference } from './query-application';
import { queryUnits, queryUnitsByOwner } from './query-units';
import { submitApplication } from './submit-application';
import { submitCorrection } from './submit-correction';
import type { Operation } from './types';

export type { Operation, OperationEnv } from './types';

/** Every operation of the registry service, by the name its SOAPAction and body element carry. */
export const OPERATION_HANDLERS: Readonly<Record<OperationName, Operation>> = {
  QueryUnits: queryUnits,
  QueryUnitsByOwner: queryUnitsByOwner,
  ListItems: listItems,
  SubmitApplication: submitApplication,
  QueryApplication: queryApplication,
  QueryApplicationsByReference: queryApplicationsByReference,
  SubmitCorrection: submitCorrection,
  AssessFees: assessFees,
  GetCertificates: getCertificates,
};
