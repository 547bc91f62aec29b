export {
  CONFIG_FILE_ENV,
  ConfigError,
  type ConfigOf,
  defineSettings,
  holdsDevValue,
  PROFILE_ENV,
  PROFILES,
  type ProductionRow,
  type ProductionRule,
  type Profile,
  type ServiceOptions,
  type Setting,
  type SettingProblem,
  type SettingsSpec,
  settings,
} from './config';
export { drainOnClose } from './http-drain';
export { limitSettings } from './limits';
export { createLogger, type Logger, logOptions, maskIdNumber, maskIdNumbersIn } from './logger';
export { closeOnSignals, EXIT_WITH_PARENT, runMain, runService } from './shutdown';
export { startTracing, stopTracing, type TracingConfig, tracingSettings } from './tracing';
