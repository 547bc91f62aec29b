export { Catalogue, wireCodeOf } from './catalogue';
export {
  BDC_ERRORS,
  BDC_NS,
  type BdcCode,
  MAX_UNITS_PER_QUERY,
  OPERATIONS,
  type OperationName,
  SERVICE_PATH,
  SOAP_ACTION_PREFIX,
  SOAP_NS,
  WIRE_STATUS,
} from './codes';
export { registryProtocol } from './protocol';
export { createRealestateStandIn } from './server';
export { type RealestateConfig, realestateSettings } from './settings';
export { type RegisteredUnit, RegistryRecords, type UnitMortgage } from './state';
