export { type IdentifierProblem, isDivisionCode, type Validation } from './problem';
export { type ResidentIdDetails, residentIdCheckCharacter, validateResidentId } from './resident-id';
export { type UnitCodeDetails, validateUnitCode } from './unit-code';
export {
  completeOrganisationCode,
  USCC_CHARSET,
  type UsccDetails,
  usccCheckCharacter,
  validateUscc,
} from './uscc';
