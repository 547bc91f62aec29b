import { graphql } from './generated';

/**
 * The operations the app sends, each named for what it is for (they show in the gateway's logs). Their
 * result and variable types are generated from the one schema (`npm run codegen`, see docs/frontend.md):
 * each text here must be a literal, without interpolation, for codegen to read and type it.
 */

/** A field of a one form, as the form and the validation read it. */
export const FORM_FIELD = graphql(`
  fragment FormFieldParts on OneFormField {
    key label { zh en } type required requiredFor usedBy editable
    hint { zh en } minLength maxLength patterns min max
    options { value label { zh en } }
    section
  }
`);

/** A problem found by the hall's validation, named by field and by the items it concerns. */
export const PROBLEM = graphql(`
  fragment ProblemParts on FormProblem {
    field code message { zh en } items
  }
`);

/** A part of an application: one item at one department, with its dispatch and its case. */
export const PART = graphql(`
  fragment PartParts on ApplicationPart {
    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt
    reason correctionFields result { key value } promisedLimitDays deadline
    supervision { flag workingDaysLeft deadline } attempts
    clock { state suspendedWorkingDays unknownCalendarYears stoppedBy { reason from declaredDays note } }
    lastError { code message { zh en } detail } deadLetteredAt
  }
`);

/** A seller's confirmation of a sale (出卖人确认). */
export const SALE = graphql(`
  fragment SaleParts on SaleConfirmation {
    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live
  }
`);

/** Who caused reads of the applicant's data: another applicant is numbered, never named. */
export const AUDIT_READER = graphql(`
  fragment AuditReaderParts on AuditReader {
    id kind name { zh en }
  }
`);

/** A member of the centre's staff, as their sign-in names them. */
export const STAFF = graphql(`
  fragment StaffParts on StaffMember {
    subject name centre
  }
`);

/** How an application was handed in: online or at a window, by the applicant or an agent. */
export const INTAKE = graphql(`
  fragment IntakeParts on Intake {
    channel identityCheck officer { ...StaffParts } agent { idNumber name delegationId }
  }
`);

/** A saved, not yet handed in one form (草稿). */
export const DRAFT = graphql(`
  fragment DraftParts on Draft {
    id bundleCode bundle { code name { zh en } } options
    values { key value }
    materials { id upload { id name size } }
    prefillId enterpriseUscc applicantIdNumber savedBy savedAt updatedAt expiresAt
  }
`);

/** A delegation (授权委托), as its principal and its agent see it. */
export const DELEGATION = graphql(`
  fragment DelegationParts on Delegation {
    id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes
    validFrom validUntil grantedAt revokedAt status
    powerOfAttorney { id name size }
    recordedBy { ...StaffParts }
  }
`);

export const BUNDLES = graphql(`
  query Bundles {
    bundles {
      code
      name { zh en }
      description { zh en }
      items { code department name { zh en } option promisedLimitDays }
      savings {
        fields { separately bundled saved }
        materials { separately bundled saved }
        windows { separately bundled saved }
        visits { separately bundled saved }
        timeLimitDays { separately bundled saved }
        typedByHand { fields typed }
      }
    }
  }
`);

export const BUNDLE_FORM = graphql(`
  query BundleForm($code: ID!, $options: [String!]) {
    bundle(code: $code) {
      code
      name { zh en }
      description { zh en }
      options { key label { zh en } items }
      items { code name { zh en } department }
      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }
      form(options: $options) {
        items
        sections { key title { zh en } fieldKeys }
        fields { ...FormFieldParts }
        materials {
          id name { zh en } required original copies usedBy formats submit source producedBy heldBy
        }
        flows { from key to }
      }
    }
  }
`);

/** Consent to prefill: the caller's online; at a window (onBehalfOf.visitId) the walk-in's, witnessed. */
export const GRANT_CONSENT = graphql(`
  mutation GrantConsent(
    $bundleCode: ID!
    $scopes: [String!]!
    $onBehalfOf: OnBehalfOf
    $witnessed: WitnessedConsentInput
  ) {
    grantConsent(bundleCode: $bundleCode, scopes: $scopes, onBehalfOf: $onBehalfOf, witnessed: $witnessed) {
      id scopes grantedAt signatureForm witness { subject name }
    }
  }
`);

export const PREFILL = graphql(`
  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID, $onBehalfOf: OnBehalfOf) {
    prefillForm(
      bundleCode: $bundleCode
      options: $options
      saleConfirmationId: $saleConfirmationId
      onBehalfOf: $onBehalfOf
    ) {
      id
      values { key value department updatedAt editable }
      unavailable { department code message fields }
    }
  }
`);

export const SUBMIT = graphql(`
  mutation SubmitApplication($input: ApplicationInput!, $onBehalfOf: OnBehalfOf) {
    submitApplication(input: $input, onBehalfOf: $onBehalfOf) {
      application { id status }
      problems { ...ProblemParts }
      notChecked { rule department reason }
    }
  }
`);

export const APPLICATION = graphql(`
  query Application($id: ID!) {
    application(id: $id) {
      id bundleCode status submittedAt completedAt applicantName flag
      bundle {
        code
        name { zh en }
        form { fields { ...FormFieldParts } }
      }
      parts { ...PartParts }
      values { key value }
      materials { id upload { id name contentType size } }
      ratings { ...ServiceRatingParts }
      intake { ...IntakeParts }
      responsibleOfficer { ...StaffParts }
      handovers { from { ...StaffParts } to { ...StaffParts } reason at }
      receiptUrl
      payment { status holds }
      handOut { ...HandOutParts }
      documents { ...HeldDocumentParts }
    }
  }
`);

/** An application's payment (一窗收费): its fees, the payment code and its receipts once paid. */
export const PAYMENT = graphql(`
  fragment PaymentParts on ApplicationPayment {
    status waitsFor holds total paidAt problem
    fees { itemCode department name basis amount }
    refunds { orderNumber reason amount refundNumber refundedAt }
    order {
      orderNumber paymentCode status total paid refunded expiresAt paidAt channel latePayment checkoutUrl
      lines { subOrderNumber item amount payee { name }
        receipt { kind number issuedAt amount document signature } }
    }
  }
`);

export const APPLICATION_PAYMENT = graphql(`
  query ApplicationPayment($id: ID!) {
    application(id: $id) { id status payment { ...PaymentParts } }
  }
`);

/** Reads the payment order back now (after paying online or at the window's POS). */
export const CHECK_PAYMENT = graphql(`
  mutation CheckPayment($id: ID!) {
    checkPayment(applicationId: $id) { ...PaymentParts }
  }
`);

/** A new payment code after the last one expired unpaid. */
export const RENEW_PAYMENT = graphql(`
  mutation RenewPayment($id: ID!) {
    renewPayment(applicationId: $id) { ...PaymentParts }
  }
`);

/** The applicant's notices (消息): what changed that needs them, newest first. */
export const MY_NOTICES = graphql(`
  query MyNotices {
    myNotices(limit: 100) { id kind applicationId text { zh en } createdAt readAt textStatus textSentAt }
    myUnreadNoticeCount
  }
`);

export const MARK_NOTICES_READ = graphql(`
  mutation MarkNoticesRead($ids: [ID!]!) {
    markNoticesRead(ids: $ids)
  }
`);

/** How an application's results reach the applicant (统一出件). */
export const HAND_OUT = graphql(`
  fragment HandOutParts on HandOut {
    method status waybillNumber waybillStatus signer deliveredAt
    address { name province city county address postalCode }
    collection { recipientName recipientIdMasked as identityCheck officer { name } }
  }
`);

export const CHOOSE_HAND_OUT = graphql(`
  mutation ChooseHandOut($id: ID!, $handOut: HandOutInput!) {
    chooseHandOut(applicationId: $id, handOut: $handOut) { ...HandOutParts }
  }
`);

export const MY_APPLICATIONS = graphql(`
  query MyApplications {
    myApplications(limit: 50) {
      id bundleCode status submittedAt completedAt flag
      bundle { code name { zh en } }
      parts { id itemCode department status }
    }
  }
`);

export const CORRECT = graphql(`
  mutation CorrectApplication(
    $applicationId: ID!
    $partId: ID!
    $values: [FormValueInput!]!
    $onBehalfOf: OnBehalfOf
  ) {
    correctApplication(
      applicationId: $applicationId
      partId: $partId
      values: $values
      onBehalfOf: $onBehalfOf
    ) {
      application { id status }
      problems { ...ProblemParts }
    }
  }
`);

/** A follow-up of a bad rating (差评回访整改), as staff and the applicant read it. */
export const FOLLOW_UP = graphql(`
  fragment FollowUpParts on RatingFollowUp {
    id applicationId department centre status openedAt callBackDue rectifyDue overdue
    calledBackAt callBackNote calledBackBy { name } rectifiedAt rectification rectifiedBy { name }
    officerName applicantView applicantComment closedAt closedBy { name }
  }
`);

/** A rating (好差评) of a part or of the window, with its follow-up when it was bad. */
export const SERVICE_RATING = graphql(`
  fragment ServiceRatingParts on ServiceRating {
    id target department level reasons comment channel ratedAt
    part { id name { zh en } department }
    followUp { ...FollowUpParts }
  }
`);

/** The reasons a bad rating may give, in the national list's order. */
export const RATING_REASONS = graphql(`
  query RatingReasons {
    ratingReasons { code text { zh en } }
  }
`);

/** 一事一评: the finished parts and the window rated in one answer. */
export const RATE_SERVICE = graphql(`
  mutation RateService($input: RateServiceInput!, $onBehalfOf: OnBehalfOf) {
    rateService(input: $input, onBehalfOf: $onBehalfOf) {
      id ratings { ...ServiceRatingParts }
    }
  }
`);

/** The applicant says whether a rectification satisfies them. */
export const ANSWER_FOLLOW_UP = graphql(`
  mutation AnswerFollowUp($followUpId: ID!, $view: ApplicantFollowUpView!, $comment: String) {
    answerFollowUp(followUpId: $followUpId, view: $view, comment: $comment) { ...FollowUpParts }
  }
`);

/** Staff's follow-ups of bad ratings: their department's, their centre's window's, or (supervisors) all. */
export const RATING_FOLLOW_UPS = graphql(`
  query RatingFollowUps($status: FollowUpStatus) {
    ratingFollowUps(status: $status, limit: 100) {
      ...FollowUpParts
      rating { id target level reasons comment ratedAt part { id name { zh en } } }
    }
  }
`);

/** The rated department records calling the applicant back (回访). */
export const RECORD_CALL_BACK = graphql(`
  mutation RecordCallBack($followUpId: ID!, $note: String!) {
    recordCallBack(followUpId: $followUpId, note: $note) { ...FollowUpParts }
  }
`);

/** The rated department records what it did (整改). */
export const RECORD_RECTIFICATION = graphql(`
  mutation RecordRectification($followUpId: ID!, $rectification: String!) {
    recordRectification(followUpId: $followUpId, rectification: $rectification) { ...FollowUpParts }
  }
`);

/** A supervisor closes a rectified follow-up the applicant left unanswered past its due. */
export const CLOSE_FOLLOW_UP = graphql(`
  mutation CloseFollowUp($followUpId: ID!) {
    closeFollowUp(followUpId: $followUpId) { ...FollowUpParts }
  }
`);

/** One page of the applicant's audit trail (数据调用留痕), newest first, with reads counted per reader. */
export const READS_OF_MY_DATA = graphql(`
  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {
    readsOfMyData(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id at department fields fieldLabels { zh en } bundleCode applicationId
          why { kind about text { zh en } }
          reader { ...AuditReaderParts }
        }
      }
      readers { reader { ...AuditReaderParts } count lastReadAt }
    }
  }
`);

export const QUEUE = graphql(`
  query Queue($department: Department, $status: ApplicationStatus, $search: String, $mine: Boolean) {
    applicationQueue(department: $department, status: $status, search: $search, mine: $mine, limit: 100) {
      id bundleCode status submittedAt applicantName flag
      intake { channel }
      responsibleOfficer { ...StaffParts }
      bundle { code name { zh en } }
      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }
    }
    deadLetteredParts(department: $department) {
      id itemCode name { zh en } department attempts
      lastError { code message { zh en } detail } deadLetteredAt
      application { id applicantName bundle { name { zh en } } }
    }
  }
`);

export const RETRY = graphql(`
  mutation RetryPart($partId: ID!) {
    retryPart(partId: $partId) { id status attempts }
  }
`);

/** What staff are told: parts going yellow or red, urges (催办) and their answers. */
export const STAFF_NOTICES = graphql(`
  query StaffNotices {
    staffNotices(limit: 50) {
      id kind audience applicationId text { zh en } deadline workingDaysLeft createdAt
      part { id name { zh en } department status }
      urge { id message answer answeredBy { name } }
      followUp { id status }
    }
  }
`);

/** A supervisor urges a department on a part (催办). */
export const URGE_PART = graphql(`
  mutation UrgePart($partId: ID!, $message: String!) {
    urgePart(partId: $partId, message: $message) { id }
  }
`);

/** The part's department answers an urge. */
export const ANSWER_URGE = graphql(`
  mutation AnswerUrge($urgeId: ID!, $answer: String!) {
    answerUrge(urgeId: $urgeId, answer: $answer) { id answer }
  }
`);

/** The seller's side of a house transfer: their units, and the sales they confirmed. */
export const MY_SALES = graphql(`
  query MySales {
    me { idNumber properties { unitCode address } }
    mySaleConfirmations { ...SaleParts }
  }
`);

export const CONFIRM_SALE = graphql(`
  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {
    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }
  }
`);

export const REVOKE_SALE = graphql(`
  mutation RevokeSale($id: ID!) {
    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }
  }
`);

/** The buyer's side: the sales sellers confirmed to them, to pick one for the house transfer. */
export const SALES_TO_ME = graphql(`
  query SalesToMe($onBehalfOf: OnBehalfOf) {
    salesConfirmedToMe(onBehalfOf: $onBehalfOf) { ...SaleParts }
  }
`);

/** The window officer opens a walk-in's visit once the identity is checked (一窗受理). */
export const OPEN_WINDOW_VISIT = graphql(`
  mutation OpenWindowVisit($applicantIdNumber: IdNumber!, $identityCheck: IdentityCheckMethod!) {
    openWindowVisit(applicantIdNumber: $applicantIdNumber, identityCheck: $identityCheck) {
      visit {
        id applicantIdNumber applicantName knownTo identityCheck openedAt expiresAt
        officer { ...StaffParts }
        agentFor { ...DelegationParts }
      }
      problems { ...ProblemParts }
    }
  }
`);

/** The drafts of the applicant: the caller's, or (onBehalfOf) the walk-in's or the principal's. */
export const MY_DRAFTS = graphql(`
  query MyDrafts($onBehalfOf: OnBehalfOf) {
    myDrafts(onBehalfOf: $onBehalfOf) { ...DraftParts }
  }
`);

export const SAVE_DRAFT = graphql(`
  mutation SaveDraft($input: DraftInput!, $onBehalfOf: OnBehalfOf) {
    saveDraft(input: $input, onBehalfOf: $onBehalfOf) { ...DraftParts }
  }
`);

export const DISCARD_DRAFT = graphql(`
  mutation DiscardDraft($draftId: ID!, $onBehalfOf: OnBehalfOf) {
    discardDraft(draftId: $draftId, onBehalfOf: $onBehalfOf) { id }
  }
`);

/** An application as the window's receipt step shows it, with the receipt to print. */
export const RECEIPT = graphql(`
  query Receipt($id: ID!) {
    application(id: $id) {
      id status submittedAt applicantName applicantIdNumber receiptUrl
      bundle { code name { zh en } }
      parts { id itemCode name { zh en } department promisedLimitDays deadline }
      materials { id upload { name } }
      intake { ...IntakeParts }
      responsibleOfficer { ...StaffParts }
    }
  }
`);

/** The officers an application can be handed over to (首问负责). */
export const WINDOW_OFFICERS = graphql(`
  query WindowOfficers {
    windowOfficers { ...StaffParts }
  }
`);

export const TAKE_RESPONSIBILITY = graphql(`
  mutation TakeResponsibility($applicationId: ID!) {
    takeResponsibility(applicationId: $applicationId) {
      id
      responsibleOfficer { ...StaffParts }
      handovers { from { ...StaffParts } to { ...StaffParts } reason at }
    }
  }
`);

export const HAND_OVER = graphql(`
  mutation HandOverApplication($applicationId: ID!, $toOfficer: ID!, $reason: String) {
    handOverApplication(applicationId: $applicationId, toOfficer: $toOfficer, reason: $reason) {
      id
      responsibleOfficer { ...StaffParts }
      handovers { from { ...StaffParts } to { ...StaffParts } reason at }
    }
  }
`);

/** The applicant's delegations: granted by them, and naming them as agent. */
export const DELEGATIONS = graphql(`
  query Delegations {
    myDelegations { ...DelegationParts }
    delegationsToMe { ...DelegationParts }
  }
`);

/** What the signed-in agent handed in for their principals. */
export const APPLICATIONS_AS_AGENT = graphql(`
  query ApplicationsAsAgent {
    applicationsAsAgent(limit: 50) {
      id status submittedAt applicantName
      bundle { code name { zh en } }
    }
  }
`);

/** The bundles, to choose a delegation's scope. */
export const BUNDLE_NAMES = graphql(`
  query BundleNames {
    bundles { code name { zh en } }
  }
`);

export const GRANT_DELEGATION = graphql(`
  mutation GrantDelegation($input: DelegationInput!) {
    grantDelegation(input: $input) {
      delegation { ...DelegationParts }
      problems { ...ProblemParts }
    }
  }
`);

export const RECORD_DELEGATION = graphql(`
  mutation RecordDelegation($visitId: ID!, $input: DelegationInput!) {
    recordDelegation(visitId: $visitId, input: $input) {
      delegation { ...DelegationParts }
      problems { ...ProblemParts }
    }
  }
`);

export const REVOKE_DELEGATION = graphql(`
  mutation RevokeDelegation($delegationId: ID!) {
    revokeDelegation(delegationId: $delegationId) { ...DelegationParts }
  }
`);

/** 一窗收费, before submission: each department's own assessment of the form as typed so far. */
export const FEE_PREVIEW = graphql(`
  query FeePreview($bundleCode: ID!, $options: [String!], $values: [FormValueInput!]!) {
    feePreview(bundleCode: $bundleCode, options: $options, values: $values) {
      total complete
      departments {
        department itemCodes total
        lines {
          itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount
          rule { zh en citation }
        }
        problem { code message { zh en } }
      }
    }
  }
`);

/** A document a department issued (电子证照), as 我的证照 and an application's page list it. */
export const HELD_DOCUMENT = graphql(`
  fragment HeldDocumentParts on HeldDocument {
    id number materialId name { zh en } kind department issuer issuedAt holderName subject
    applicationId bundleCode itemCode caseNumber contentType size sha256 downloadPath
    signature { algorithm keyId }
  }
`);

/** 我的证照: every document departments issued to the applicant or in their applications, newest first. */
export const MY_DOCUMENTS = graphql(`
  query MyDocuments {
    myDocuments { ...HeldDocumentParts }
  }
`);

/** Every figure of a row of the performance figures (统计分析), as the dashboard shows and exports them. */
export const PERFORMANCE_ROW = graphql(`
  fragment PerformanceRowParts on PerformanceRow {
    key label applicationsTakenIn applicationsCompleted partsTakenIn partsCompleted onTime overdue onTimeRate
    averageWorkingDays p90WorkingDays averagePromisedDays averageLegalDays promisedSpeedUp actualSpeedUp
    instant corrections refusals deadLetters paymentsCollected ratings averageRating badRatings
    followUpsOpened followUpsClosed followUpRate
  }
`);

/**
 * The supervisor's dashboard in one request: the totals, the chosen cut, the departments (overdue and
 * ratings), the officers and the trend of on-time completion, for one period and filter.
 */
export const DASHBOARD = graphql(`
  query Dashboard(
    $filter: PerformanceFilter!
    $by: PerformanceCut!
    $interval: TrendInterval!
    $withOfficers: Boolean!
  ) {
    total: performance(filter: $filter, by: TOTAL) { ...PerformanceRowParts }
    cut: performance(filter: $filter, by: $by) { ...PerformanceRowParts }
    departments: performance(filter: $filter, by: DEPARTMENT) { key overdue ratings badRatings }
    officers: performance(filter: $filter, by: OFFICER) @include(if: $withOfficers) {
      key label partsTakenIn partsCompleted onTimeRate averageWorkingDays averageRating
    }
    performanceTrend(filter: $filter, interval: $interval) { start completed onTime overdue onTimeRate }
  }
`);

/** The parts behind a figure of the dashboard (drill-down). */
export const PERFORMANCE_PARTS = graphql(`
  query PerformanceParts($filter: PerformanceFilter!, $figure: PerformanceFigure!) {
    performanceParts(filter: $filter, figure: $figure, limit: 100) {
      id itemCode name { zh en } department status caseNumber deadline
      application { id applicantName }
    }
  }
`);

/** The names of bundles and their items, for the dashboard's cuts by item and by bundle. */
export const BUNDLE_AND_ITEM_NAMES = graphql(`
  query BundleAndItemNames {
    bundles { code name { zh en } items { code name { zh en } } }
  }
`);
