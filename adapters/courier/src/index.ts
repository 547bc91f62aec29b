export {
  COURIER_BATCH_LIMIT,
  type CourierAdapter,
  type CourierAdapterOptions,
  type CourierLoaders,
  createCourierAdapter,
} from './adapter';
export { STATUS_OF_OP_CODE } from './answers';
export { digestOf, signedForm, wireTime } from './digest';
export type { PostalOrder, PostalParty, TrackingEvent, TrackingPush, Waybill, WaybillStatus } from './domain';
export {
  PUSH_HEADERS,
  type PushRefusal,
  type PushVerdict,
  PushVerifier,
  type PushVerifierOptions,
  pushAnswer,
} from './pushes';
export { courierAdapterOptions, courierAdapterSettings } from './settings';
