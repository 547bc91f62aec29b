export {
  createSmsAdapter,
  type MessageState,
  type SentMessage,
  SMS_SYSTEM,
  type SmsAdapter,
  type SmsAdapterOptions,
  type SmsSend,
} from './adapter';
export {
  type ArrivedReport,
  type DeliveryReport,
  DeliveryReportVerifier,
  type ReportRefusal,
  type ReportVerdict,
} from './reports';
export { smsAdapterOptions, smsAdapterSettings } from './settings';
export { requestHeaders, sign } from './signature';
