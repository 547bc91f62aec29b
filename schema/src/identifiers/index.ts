export { type MobileDetails, validateMobileNumber } from './mobile';
export { POSTAL_PROVINCES, type PostalCodeDetails, validatePostalCode } from './postal-code';
export { type IdentifierProblem, isDivisionCode, type Validation } from './problem';
export { type ResidentIdDetails, residentIdCheckCharacter, validateResidentId } from './resident-id';
export { type S10Details, s10CheckDigit, validateS10 } from './s10';
export { type UnitCodeDetails, validateUnitCode } from './unit-code';
export {
  completeOrganisationCode,
  USCC_CHARSET,
  type UsccDetails,
  usccCheckCharacter,
  validateUscc,
} from './uscc';
