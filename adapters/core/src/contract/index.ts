export { describeAdapterContract } from './suite';
export type {
  AdapterContractSpec,
  ContractClientSettings,
  ContractFaults,
  SystemControl,
  SystemUnderTest,
} from './types';
