export { checkField, checkValue, type FieldRules, requiredProblem } from './field-checks';
export { type FormProblem, problem } from './problems';
export { forbiddenCharacters, forbiddenCharactersMessage } from './text-characters';
