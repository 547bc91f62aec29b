export {
  describeIdempotentSendContract,
  type IdempotentSendSpec,
  type SendSystemControl,
  type SendSystemUnderTest,
} from './idempotent-send';
export { describeAdapterContract, describeClientContract } from './suite';
export type {
  AdapterContractSpec,
  ClientContractSpec,
  ContractClientSettings,
  ContractFaults,
  ContractHarness,
  ContractReads,
  ContractWrites,
  DepartmentSystemUnderTest,
  DocumentControl,
  SystemControl,
  SystemUnderTest,
} from './types';
