export { type IdentifierProblem, isDivisionCode, type Validation } from './problem';
export { residentIdCheckCharacter, type ResidentIdDetails, validateResidentId } from './resident-id';
export { type UnitCodeDetails, validateUnitCode } from './unit-code';
export { USCC_CHARSET, type UsccDetails, usccCheckCharacter, validateUscc } from './uscc';
