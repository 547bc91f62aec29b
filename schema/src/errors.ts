import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** What a client is told of one error code. */
export interface ErrorMeaning {
  /**
   * The HTTP status of an answer that refuses the whole request with this code (a route of ours, or a
   * GraphQL request refused before it runs). Inside a GraphQL answer that has `data`, the status is 200.
   */
  readonly status: number;
  /** Whether the same request, sent again unchanged later, may succeed. */
  readonly retryable: boolean;
  /** What happened and what to do, in English. */
  readonly en: string;
  /** 同上，中文。 */
  readonly zh: string;
}

/**
 * Every error code a client can see, from any service: the one registry (错误码表). A code is the public
 * contract: front ends and the hall's dispatcher act on it, so a code is added here before anything sends
 * it — the helpers that send errors take only these codes, so an unknown one fails typecheck. The error
 * table of docs/frontend.md is generated from it (`npx tsx scripts/errors-doc.ts --write`).
 *
 * The legacy/* stand-ins speak their departments' own protocols and are not in it, nor is the development
 * identity provider, which answers OAuth errors (RFC 6749 §5.2).
 */
export const ERRORS = {
  // The departments' failures, as the adapters classify them (adapters/core/src/errors.ts).
  DEPARTMENT_UNAVAILABLE: {
    status: 502,
    retryable: true,
    en: "The department's system cannot be reached or failed (connection refused, 5xx, its rate limit past our patience, circuit breaker open); `department` names it. Show the rest of the answer; offer to retry later (submissions are kept and sent again).",
    zh: '部门系统无法连接或出错（拒绝连接、5xx、限流超时、熔断）；`department` 指明部门。先展示其余数据，稍后可重试（已提交的申请会保留并重新发送）。',
  },
  DEPARTMENT_TIMEOUT: {
    status: 504,
    retryable: true,
    en: 'The department did not answer in time; a submission may or may not have been received. As for DEPARTMENT_UNAVAILABLE; the hall retries with the same idempotency key.',
    zh: '部门系统未在时限内应答，提交可能已送达也可能未送达。处理同 DEPARTMENT_UNAVAILABLE；办事大厅以同一幂等键重试。',
  },
  DEPARTMENT_REJECTED: {
    status: 422,
    retryable: false,
    en: 'The department refused by its own rules; `departmentCode`, `departmentMessage` and `problems` say why. Show its message; fix and resubmit.',
    zh: '部门系统按其业务规则拒绝；`departmentCode`、`departmentMessage`、`problems` 说明原因。展示其消息，修改后重新提交。',
  },
  MALFORMED_RESPONSE: {
    status: 502,
    retryable: true,
    en: 'The department answered something unreadable (not parseable, the wrong shape, too large). As for DEPARTMENT_UNAVAILABLE.',
    zh: '部门系统的应答无法读取（无法解析、结构不符、过大）。处理同 DEPARTMENT_UNAVAILABLE。',
  },
  DOCUMENT_UNVERIFIED: {
    status: 502,
    retryable: false,
    en: "A document the department issued failed its adapter's checks (its signature does not verify under the department's public key, or its file is not the one it signed); the message names the document and what failed. Not retried: report it to the department; the document is not shown.",
    zh: '部门签发的电子证照未通过适配器校验（签名无法用部门公钥验证，或文件与签名不符）；消息指明证照及失败原因。不重试：请联系该部门；该证照不予展示。',
  },
  DOCUMENT_DAMAGED: {
    status: 502,
    retryable: true,
    en: "A document reached the hall unlike what its department signed (its SHA-256 differs, or its bytes are not the type it claims): the hall asks for it again with backoff; the part stays approved meanwhile. Seen by staff in the documents job's last error, never by an applicant.",
    zh: '电子证照传到大厅时与部门签名不符（SHA-256 不同，或文件类型与声明不符）：大厅退避后重新获取，其间该事项仍为已办结。仅工作人员在证照任务的最近错误中可见。',
  },
  // The request: who asks, and what.
  UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    en: 'The token is missing where one is needed, not valid or expired (at a subgraph: the call did not come through the gateway with a valid internal identity). Sign in again.',
    zh: '需要令牌而未提供，或令牌无效、已过期（在子图：请求未经网关携带有效的内部身份）。请重新登录。',
  },
  FORBIDDEN: {
    status: 403,
    retryable: false,
    en: 'This identity may not read or change this: applicants see their own data and their enterprises’; staff their department’s.',
    zh: '当前身份无权读取或修改：申请人只能看本人及所代表企业的数据，工作人员只能看本部门的数据。',
  },
  INVALID_INPUT: {
    status: 400,
    retryable: false,
    en: 'A value is not valid; `problems` lists each, with its `path` and zh/en messages. Show them next to the fields.',
    zh: '输入值不合法；`problems` 逐条列出，含 `path` 和中英文说明。请在对应字段旁展示。',
  },
  LIMIT_OUT_OF_RANGE: {
    status: 400,
    retryable: false,
    en: 'A list was asked for more (or fewer) rows than it gives: `argument` names the argument, `min` and `max` its range. Send a value in range.',
    zh: '列表请求的条数超出范围：`argument` 指明参数，`min`、`max` 给出范围。请在范围内取值。',
  },
  DATE_OUT_OF_RANGE: {
    status: 400,
    retryable: false,
    en: 'A date argument (`asOf`) is outside the years the services answer for: `argument` names it, `from` and `to` the range. Send a date in range.',
    zh: '日期参数（`asOf`）超出服务应答的年份：`argument` 指明参数，`from`、`to` 给出范围。请在范围内取值。',
  },
  NOT_FOUND: {
    status: 404,
    retryable: false,
    en: 'Nothing with this key exists, or nothing is served at this path.',
    zh: '该键对应的数据不存在，或该路径下没有内容。',
  },
  VISIT_EXPIRED: {
    status: 410,
    retryable: false,
    en: "The window visit named in `onBehalfOf.visitId` has ended (visits end with the working day, Beijing time): check the applicant's identity again and open a new visit (openWindowVisit); a draft saved in the old one is kept.",
    zh: '`onBehalfOf.visitId` 指定的窗口受理已结束（受理于北京时间当日工作结束时失效）：请重新核验申请人身份并开启新的受理（openWindowVisit）；已保存的草稿仍保留。',
  },
  BAD_REQUEST: {
    status: 400,
    retryable: false,
    en: 'The request itself is broken: a body that is not JSON (the message says where), a content-type that is not a media type, a URL that does not decode, an upload cut off. Fix the request.',
    zh: '请求本身有误：请求体不是 JSON（消息指出位置）、content-type 不是媒体类型、URL 无法解码、上传被截断。请修正请求。',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    en: 'The request body is larger than the service takes (the gateway: 128 KiB). Ask for less.',
    zh: '请求体超过服务的上限（网关：128 KiB）。请减少请求内容。',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retryable: false,
    en: 'The request body is of a type the route does not take: send GraphQL requests as `application/json`.',
    zh: '请求体类型不被该路由接受：GraphQL 请求请用 `application/json`。',
  },
  URI_TOO_LONG: {
    status: 414,
    retryable: false,
    en: 'A part of the URL is longer than the service takes. Send a shorter one.',
    zh: 'URL 的某一部分超过服务的长度上限。请缩短。',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    retryable: false,
    en: 'The request headers are larger than the service takes. Send a shorter token or fewer headers.',
    zh: '请求头超过服务的上限。请使用更短的令牌或减少请求头。',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    retryable: true,
    en: 'The request was not sent in time. Send it again.',
    zh: '请求未在时限内发送完毕。请重新发送。',
  },
  // The gateway's limits on a query.
  QUERY_TOO_DEEP: {
    status: 400,
    retryable: false,
    en: 'The query nests deeper than the gateway allows (12); `depth` and `maxDepth` say how deep. Ask for less.',
    zh: '查询嵌套深度超过网关上限（12）；`depth`、`maxDepth` 给出数值。请减少嵌套。',
  },
  TOO_MANY_ALIASES: {
    status: 400,
    retryable: false,
    en: 'The query has more aliases than the gateway allows (30); `aliases` and `maxAliases` say how many. Ask for less.',
    zh: '查询别名数超过网关上限（30）；`aliases`、`maxAliases` 给出数值。请减少别名。',
  },
  TOO_MANY_TOKENS: {
    status: 400,
    retryable: false,
    en: 'The document has more tokens than the gateway parses (3000); `maxTokens` says how many. Send a smaller query.',
    zh: '查询文档的词法单元数超过网关上限（3000）；`maxTokens` 给出上限。请发送更小的查询。',
  },
  QUERY_TOO_COSTLY: {
    status: 400,
    retryable: false,
    en: "The query may cost more than the gateway allows (50 000: each field 1, a list's fields once per row of its `first`/`limit`, else 10); `cost` and `maxCost` say how much. Ask for fewer rows or fields.",
    zh: '查询的估算成本超过网关上限（50 000：每个字段计 1，列表字段按 `first`/`limit` 的行数计，未给出时按 10 行）；`cost`、`maxCost` 给出数值。请减少行数或字段。',
  },
  // GraphQL's own refusals (Apollo Server at the gateway, Mercurius at a subgraph).
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    retryable: false,
    en: 'The document is not valid GraphQL syntax; the message says where.',
    zh: '查询文档不符合 GraphQL 语法；消息指出位置。',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    en: 'The document does not fit the schema (a field or argument it does not have, a wrong type).',
    zh: '查询文档与模式不符（不存在的字段或参数、类型错误）。',
  },
  BAD_USER_INPUT: {
    status: 400,
    retryable: false,
    en: "A variable's value does not fit its type; the message names it.",
    zh: '变量的值与其类型不符；消息指明该变量。',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    retryable: false,
    en: 'The document holds several operations and `operationName` names none of them, or a subscription. Name the operation to run.',
    zh: '文档含多个操作而 `operationName` 未指明其中之一，或为订阅操作。请指明要执行的操作。',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    retryable: true,
    en: 'The gateway holds no operation of this hash: no trusted document, nor one a client registered with its text (automatic persisted queries). Send it again with the whole query; where the gateway refuses unregistered operations, register it (OPERATION_NOT_REGISTERED).',
    zh: '网关没有该哈希对应的操作：不在可信文档中，也未由客户端附全文登记（自动持久化查询）。请附上完整查询重新发送；网关拒绝未登记操作时，请先登记（见 OPERATION_NOT_REGISTERED）。',
  },
  OPERATION_NOT_REGISTERED: {
    status: 400,
    retryable: false,
    en: "The gateway runs only registered operations (UNREGISTERED_OPERATIONS=refuse, production's default) and no manifest of its TRUSTED_DOCUMENTS_FILES holds this one. Register it (the web app's: `npm run codegen`), deploy, and send its hash.",
    zh: '网关只执行已登记的操作（UNREGISTERED_OPERATIONS=refuse，生产环境默认），其 TRUSTED_DOCUMENTS_FILES 清单中没有该操作。请先登记（网页应用：`npm run codegen`），部署后按哈希发送。',
  },
  // The services and what they stand on.
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    en: "Too many requests from this account or address, or too many `checkForm` / `prefillForm` by this applicant; `retryAfterSeconds` (and the gateway's `Retry-After`) says when to try again. Say so in the page's language (the web app: `common.rateLimited`) and wait; never retry in a loop.",
    zh: '该账号或地址请求过多，或该申请人 `checkForm` / `prefillForm` 过多；`retryAfterSeconds`（及网关的 `Retry-After`）给出等待秒数。请以页面语言提示并等待，勿循环重试。',
  },
  NOT_READY: {
    status: 503,
    retryable: true,
    en: 'The gateway is starting: it has not loaded its supergraph yet. Retry shortly.',
    zh: '网关正在启动，尚未加载超图。请稍后重试。',
  },
  SUBGRAPH_UNAVAILABLE: {
    status: 502,
    retryable: true,
    en: 'A whole subgraph cannot be reached (or answered an HTTP error without GraphQL errors); `subgraph` names it. Show the rest.',
    zh: '整个子图无法连接（或以 HTTP 错误应答且无 GraphQL 错误）；`subgraph` 指明子图。先展示其余数据。',
  },
  SUBGRAPH_TIMEOUT: {
    status: 504,
    retryable: true,
    en: 'A whole subgraph did not answer within its timeout; `subgraph` names it. Show the rest.',
    zh: '整个子图未在时限内应答；`subgraph` 指明子图。先展示其余数据。',
  },
  SUBGRAPH_MALFORMED_RESPONSE: {
    status: 502,
    retryable: true,
    en: 'A subgraph answered with a body that is not JSON; `subgraph` names it. Show the rest.',
    zh: '子图的应答体不是 JSON；`subgraph` 指明子图。先展示其余数据。',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    en: "The service's own database cannot be reached just now (restarting, failing over): nothing was stored or changed. Retry shortly.",
    zh: '服务自身的数据库暂时无法连接（重启、切换中）：未保存或修改任何内容。请稍后重试。',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    retryable: true,
    en: 'The service failed; the details are in its log, never in the answer.',
    zh: '服务内部出错；详情仅记录在日志中，不在应答里。',
  },
  IDP_UNAVAILABLE: {
    status: 502,
    retryable: true,
    en: "The development identity provider behind the gateway's `/idp` cannot be reached or answered no JSON (development only).",
    zh: '网关 `/idp` 背后的开发身份提供方无法连接或未返回 JSON（仅开发环境）。',
  },
  // The hall's materials (`/materials`, docs/materials.md).
  MATERIAL_EMPTY: {
    status: 400,
    retryable: false,
    en: 'The uploaded file is empty.',
    zh: '上传的文件为空。',
  },
  MATERIAL_NAME_INVALID: {
    status: 400,
    retryable: false,
    en: '`x-material-name` is not a name the hall keeps (not URI-encoded UTF-8, control or invisible characters, too long, an extension other than the content’s); every problem is listed.',
    zh: '`x-material-name` 不是可接受的文件名（非 URI 编码的 UTF-8、含控制或不可见字符、过长、扩展名与内容不符）；逐条列出问题。',
  },
  MATERIAL_QUOTA_EXCEEDED: {
    status: 403,
    retryable: false,
    en: 'The applicant holds as many uploads not yet handed in as allowed. Offer to delete uploads (`DELETE /materials/<id>`, listed by `myUploads`).',
    zh: '申请人未提交的上传已达上限。请提示删除上传（`DELETE /materials/<id>`，由 `myUploads` 列出）。',
  },
  MATERIAL_NOT_FOUND: {
    status: 404,
    retryable: false,
    en: 'There is no such upload, or not one the caller may see.',
    zh: '不存在该上传材料，或调用方无权查看。',
  },
  MATERIAL_HANDED_IN: {
    status: 409,
    retryable: false,
    en: 'The upload was handed in with an application: it is part of a service record, kept by law (档案法), and cannot be deleted.',
    zh: '该材料已随申请提交，属于办件档案，依《档案法》保存，不能删除。',
  },
  MATERIAL_TOO_LARGE: {
    status: 413,
    retryable: false,
    en: 'The file is larger than `MAX_MATERIAL_BYTES`; the message says the limit. Send a smaller scan.',
    zh: '文件超过 `MAX_MATERIAL_BYTES`；消息给出上限。请上传更小的扫描件。',
  },
  MATERIAL_TYPE_NOT_ALLOWED: {
    status: 415,
    retryable: false,
    en: 'The content is not PDF, JPEG or PNG; `allowed` lists the types.',
    zh: '文件内容不是 PDF、JPEG 或 PNG；`allowed` 列出允许的类型。',
  },
  MATERIAL_TYPE_MISMATCH: {
    status: 415,
    retryable: false,
    en: '`content-type` names one of the allowed types and the content is another; `claimed` and `found` say which.',
    zh: '`content-type` 声明的类型与文件实际内容不符；`claimed`、`found` 给出两者。',
  },
  // Acting for someone under a delegation (代办, `onBehalfOf.delegationId`).
  DELEGATION_NOT_ACTIVE: {
    status: 403,
    retryable: false,
    en: 'The delegation allows nothing now: revoked by its principal, expired, or not valid yet; `status` says which and `since` (or `from`) when, `reason` says so in zh and en. Applications handed in under it before go on. Ask the principal for a new delegation, or wait for its first day.',
    zh: '授权委托当前不能使用：已被委托人撤销、已过期或尚未生效；`status` 指明哪一种，`since`（或 `from`）给出日期，`reason` 提供中英文说明。此前已提交的申请照常办理。请委托人重新授权，或待生效日后再办。',
  },
  DELEGATION_OUT_OF_SCOPE: {
    status: 403,
    retryable: false,
    en: 'The delegation does not cover this bundle: `bundleCodes` lists the bundles it covers, `reason` says so in zh and en. Act only within them, or ask the principal for a delegation that covers it.',
    zh: '授权委托不包括该一件事：`bundleCodes` 列出委托范围，`reason` 提供中英文说明。请仅在委托范围内办理，或请委托人另行授权。',
  },
  // The hall's papers (`/papers`, docs/frontend.md).
  FORM_COMPLETE: {
    status: 409,
    retryable: false,
    en: 'The form is complete: a one-time notice (一次性告知单) has nothing to list. Submit the application instead.',
    zh: '表单已齐全，一次性告知单无需补正内容可列；请直接提交申请。',
  },
  // The hall's dispatch problems, in a part's `lastError.code` (beside the codes above it passes on).
  GATEWAY_UNREACHABLE: {
    status: 502,
    retryable: true,
    en: 'The hall could not reach the gateway to send a part or read its case; it retries by itself, no need to submit again.',
    zh: '办事大厅暂时无法连接网关以报送或查询办件；系统将自动重试，无需重新提交。',
  },
  NO_ANSWER: {
    status: 502,
    retryable: true,
    en: "A department's operation answered neither its data nor an error; the hall retries by itself.",
    zh: '部门操作既未返回数据也未返回错误；系统将自动重试。',
  },
  CASE_NOT_FOUND: {
    status: 404,
    retryable: false,
    en: 'The department cannot find the case the hall sent; window staff look into it.',
    zh: '办理部门查询不到办事大厅报送的办件；由窗口工作人员核实处理。',
  },
  ITEM_UNKNOWN: {
    status: 422,
    retryable: false,
    en: 'The department no longer offers the item of the part; window staff contact the applicant.',
    zh: '办理部门已不再发布该事项；由窗口工作人员联系申请人。',
  },
  // The hall's payment of an application's fees (subgraphs/hall/src/payments).
  PAYEE_UNKNOWN: {
    status: 422,
    retryable: false,
    en: 'A department assessed a fee the hall has no payee for (setting PAYMENT_PAYEES): the payment waits until an integrator names the department’s collection account.',
    zh: '部门核定了费用，但大厅未配置其收款单位（PAYMENT_PAYEES）；待配置后继续缴费。',
  },
  BUNDLE_UNKNOWN: {
    status: 422,
    retryable: false,
    en: 'The hall no longer serves the application’s bundle, so its fees cannot be assessed; window staff contact the applicant.',
    zh: '大厅已不再提供该申请的一件事主题，无法核定费用；由窗口工作人员联系申请人。',
  },
  HAND_OUT_REFUSED: {
    status: 409,
    retryable: false,
    en: 'The hand-out of the results cannot change so now (already ready, posted or collected; posted results are not collected): the message says why.',
    zh: '办理结果的出件方式或状态不允许此操作（已可领取、已寄出或已领取）；原因见提示。',
  },
  PAYMENT_NOT_RENEWABLE: {
    status: 409,
    retryable: false,
    en: 'A new payment code is issued only once the last one expired unpaid: pay the one issued, or wait for it to expire.',
    zh: '缴款码过期未缴后才能重新开具；请缴纳已开具的缴款码。',
  },
  UNEXPECTED: {
    status: 500,
    retryable: true,
    en: "Sending a part failed in a way the hall did not foresee; it retries, or window staff handle it (the detail is in the hall's log).",
    zh: '报送时出现未预料的问题；系统将自动重试或由窗口工作人员处理（详情见日志）。',
  },
  // The courier's tracking pushes (legacy/courier/PROTOCOL.md §6, adapters/courier): signature refusals are CALLBACK_*.
  WAYBILL_UNKNOWN: {
    status: 404,
    retryable: false,
    en: 'A tracking push names a waybill the courier does not hold for us (or not under that order number); it is refused and changes nothing.',
    zh: '寄递轨迹推送所称运单在寄递平台查无此单（或客户订单号不符）；拒收，不作任何变更。',
  },
  // The departments' status callbacks to the hall (POST /callbacks/case-status, docs/departments.md).
  CALLBACK_UNSIGNED: {
    status: 401,
    retryable: false,
    en: 'A status callback without the signature headers; the message names them.',
    zh: '状态回调缺少签名头；消息指明所缺的头。',
  },
  CALLBACK_SIGNATURE_INVALID: {
    status: 401,
    retryable: false,
    en: "A status callback whose signature does not verify with the department's secret.",
    zh: '状态回调的签名无法用该部门的密钥验证。',
  },
  CALLBACK_STALE: {
    status: 401,
    retryable: false,
    en: 'A status callback older (or further ahead) than the maximum age. Send it with the current time.',
    zh: '状态回调的时间早于（或晚于）允许范围。请以当前时间重新签名发送。',
  },
  CALLBACK_REPLAYED: {
    status: 401,
    retryable: false,
    en: 'A status callback received before (its nonce is spent). Send each notification with a fresh nonce.',
    zh: '状态回调已收到过（随机数已用过）。每次通知请使用新的随机数。',
  },
  // The payment platform's notifications to its subgraph (POST /notifications/payment, legacy/payment/PROTOCOL.md §6).
  PAYMENT_ORDER_UNKNOWN: {
    status: 404,
    retryable: false,
    en: 'A payment notification names an order the platform does not hold for us (or with another reference or payment code); it is refused and marks nothing paid.',
    zh: '支付通知所称订单在支付平台查无此单（或业务流水号、缴款码不符）；拒收，不记为已缴款。',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 409,
    retryable: false,
    en: 'A payment notification states an amount (or a payment, or a refund) that the order as the platform answers it does not hold; it is refused and marks nothing paid.',
    zh: '支付通知所称金额（或缴款、退款）与支付平台查询所得订单不符；拒收，不记为已缴款。',
  },
} as const satisfies Record<string, ErrorMeaning>;

/** A code a client can see: a key of {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/** Whether a string is a code of the registry. */
export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ERRORS, code);

/** One error of an answer, in the shape every service answers errors in. */
export interface ErrorEntry {
  readonly message: string;
  readonly extensions: { readonly code: ErrorCode } & Record<string, unknown>;
}

/** The body of an error answer: `{ errors: [{ message, extensions: { code, …extensions } }] }`. */
export function errorBody(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): { errors: [ErrorEntry] } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * A GraphQL error with a registry code in `extensions.code` and `extensions`' other members after it;
 * `at` is the error it stands for, whose place in the document and the answer it keeps.
 */
export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  at: {
    readonly nodes?: GraphQLErrorOptions['nodes'] | undefined;
    readonly path?: GraphQLErrorOptions['path'] | undefined;
  } = {},
): GraphQLError {
  return new GraphQLError(message, {
    ...(at.nodes ? { nodes: at.nodes } : {}),
    ...(at.path ? { path: at.path } : {}),
    extensions: { code, ...extensions },
  });
}
