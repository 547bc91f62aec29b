export {
  describeIdempotentSendContract,
  type IdempotentSendSpec,
  type SendSystemControl,
  type SendSystemUnderTest,
} from './idempotent-send';
export { describeAdapterContract } from './suite';
export type {
  AdapterContractSpec,
  ContractClientSettings,
  ContractFaults,
  SystemControl,
  SystemUnderTest,
} from './types';
