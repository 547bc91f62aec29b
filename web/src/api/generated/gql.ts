/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment FormFieldParts on OneFormField {\n    key label { zh en } type required requiredFor usedBy editable\n    hint { zh en } minLength maxLength patterns min max\n    options { value label { zh en } }\n    section\n  }\n": typeof types.FormFieldPartsFragmentDoc,
    "\n  fragment ProblemParts on FormProblem {\n    field code message { zh en } items\n  }\n": typeof types.ProblemPartsFragmentDoc,
    "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    clock { state suspendedWorkingDays unknownCalendarYears stoppedBy { reason from declaredDays note } }\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n": typeof types.PartPartsFragmentDoc,
    "\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n": typeof types.SalePartsFragmentDoc,
    "\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n": typeof types.AuditReaderPartsFragmentDoc,
    "\n  fragment StaffParts on StaffMember {\n    subject name centre\n  }\n": typeof types.StaffPartsFragmentDoc,
    "\n  fragment IntakeParts on Intake {\n    channel identityCheck officer { ...StaffParts } agent { idNumber name delegationId }\n  }\n": typeof types.IntakePartsFragmentDoc,
    "\n  fragment DraftParts on Draft {\n    id bundleCode bundle { code name { zh en } } options\n    values { key value }\n    materials { id upload { id name size } }\n    prefillId enterpriseUscc applicantIdNumber savedBy savedAt updatedAt expiresAt\n  }\n": typeof types.DraftPartsFragmentDoc,
    "\n  fragment DelegationParts on Delegation {\n    id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes\n    validFrom validUntil grantedAt revokedAt status\n    powerOfAttorney { id name size }\n    recordedBy { ...StaffParts }\n  }\n": typeof types.DelegationPartsFragmentDoc,
    "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n": typeof types.BundlesDocument,
    "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n": typeof types.BundleFormDocument,
    "\n  mutation GrantConsent(\n    $bundleCode: ID!\n    $scopes: [String!]!\n    $onBehalfOf: OnBehalfOf\n    $witnessed: WitnessedConsentInput\n  ) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes, onBehalfOf: $onBehalfOf, witnessed: $witnessed) {\n      id scopes grantedAt signatureForm witness { subject name }\n    }\n  }\n": typeof types.GrantConsentDocument,
    "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID, $onBehalfOf: OnBehalfOf) {\n    prefillForm(\n      bundleCode: $bundleCode\n      options: $options\n      saleConfirmationId: $saleConfirmationId\n      onBehalfOf: $onBehalfOf\n    ) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n": typeof types.PrefillDocument,
    "\n  mutation SubmitApplication($input: ApplicationInput!, $onBehalfOf: OnBehalfOf) {\n    submitApplication(input: $input, onBehalfOf: $onBehalfOf) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n": typeof types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      ratings { ...ServiceRatingParts }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n      receiptUrl\n      payment { status holds }\n      handOut { ...HandOutParts }\n      documents { ...HeldDocumentParts }\n    }\n  }\n": typeof types.ApplicationDocument,
    "\n  fragment PaymentParts on ApplicationPayment {\n    status waitsFor holds total paidAt problem\n    fees { itemCode department name basis amount }\n    refunds { orderNumber reason amount refundNumber refundedAt }\n    order {\n      orderNumber paymentCode status total paid refunded expiresAt paidAt channel latePayment checkoutUrl\n      lines { subOrderNumber item amount payee { name }\n        receipt { kind number issuedAt amount document signature } }\n    }\n  }\n": typeof types.PaymentPartsFragmentDoc,
    "\n  query ApplicationPayment($id: ID!) {\n    application(id: $id) { id status payment { ...PaymentParts } }\n  }\n": typeof types.ApplicationPaymentDocument,
    "\n  mutation CheckPayment($id: ID!) {\n    checkPayment(applicationId: $id) { ...PaymentParts }\n  }\n": typeof types.CheckPaymentDocument,
    "\n  mutation RenewPayment($id: ID!) {\n    renewPayment(applicationId: $id) { ...PaymentParts }\n  }\n": typeof types.RenewPaymentDocument,
    "\n  query MyNotices {\n    myNotices(limit: 100) { id kind applicationId text { zh en } createdAt readAt textStatus textSentAt }\n    myUnreadNoticeCount\n  }\n": typeof types.MyNoticesDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]!) {\n    markNoticesRead(ids: $ids)\n  }\n": typeof types.MarkNoticesReadDocument,
    "\n  fragment HandOutParts on HandOut {\n    method status waybillNumber waybillStatus signer deliveredAt\n    address { name province city county address postalCode }\n    collection { recipientName recipientIdMasked as identityCheck officer { name } }\n  }\n": typeof types.HandOutPartsFragmentDoc,
    "\n  mutation ChooseHandOut($id: ID!, $handOut: HandOutInput!) {\n    chooseHandOut(applicationId: $id, handOut: $handOut) { ...HandOutParts }\n  }\n": typeof types.ChooseHandOutDocument,
    "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n": typeof types.MyApplicationsDocument,
    "\n  mutation CorrectApplication(\n    $applicationId: ID!\n    $partId: ID!\n    $values: [FormValueInput!]!\n    $onBehalfOf: OnBehalfOf\n  ) {\n    correctApplication(\n      applicationId: $applicationId\n      partId: $partId\n      values: $values\n      onBehalfOf: $onBehalfOf\n    ) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n": typeof types.CorrectApplicationDocument,
    "\n  fragment FollowUpParts on RatingFollowUp {\n    id applicationId department centre status openedAt callBackDue rectifyDue overdue\n    calledBackAt callBackNote calledBackBy { name } rectifiedAt rectification rectifiedBy { name }\n    officerName applicantView applicantComment closedAt closedBy { name }\n  }\n": typeof types.FollowUpPartsFragmentDoc,
    "\n  fragment ServiceRatingParts on ServiceRating {\n    id target department level reasons comment channel ratedAt\n    part { id name { zh en } department }\n    followUp { ...FollowUpParts }\n  }\n": typeof types.ServiceRatingPartsFragmentDoc,
    "\n  query RatingReasons {\n    ratingReasons { code text { zh en } }\n  }\n": typeof types.RatingReasonsDocument,
    "\n  mutation RateService($input: RateServiceInput!, $onBehalfOf: OnBehalfOf) {\n    rateService(input: $input, onBehalfOf: $onBehalfOf) {\n      id ratings { ...ServiceRatingParts }\n    }\n  }\n": typeof types.RateServiceDocument,
    "\n  mutation AnswerFollowUp($followUpId: ID!, $view: ApplicantFollowUpView!, $comment: String) {\n    answerFollowUp(followUpId: $followUpId, view: $view, comment: $comment) { ...FollowUpParts }\n  }\n": typeof types.AnswerFollowUpDocument,
    "\n  query RatingFollowUps($status: FollowUpStatus) {\n    ratingFollowUps(status: $status, limit: 100) {\n      ...FollowUpParts\n      rating { id target level reasons comment ratedAt part { id name { zh en } } }\n    }\n  }\n": typeof types.RatingFollowUpsDocument,
    "\n  mutation RecordCallBack($followUpId: ID!, $note: String!) {\n    recordCallBack(followUpId: $followUpId, note: $note) { ...FollowUpParts }\n  }\n": typeof types.RecordCallBackDocument,
    "\n  mutation RecordRectification($followUpId: ID!, $rectification: String!) {\n    recordRectification(followUpId: $followUpId, rectification: $rectification) { ...FollowUpParts }\n  }\n": typeof types.RecordRectificationDocument,
    "\n  mutation CloseFollowUp($followUpId: ID!) {\n    closeFollowUp(followUpId: $followUpId) { ...FollowUpParts }\n  }\n": typeof types.CloseFollowUpDocument,
    "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n": typeof types.ReadsOfMyDataDocument,
    "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String, $mine: Boolean) {\n    applicationQueue(department: $department, status: $status, search: $search, mine: $mine, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      intake { channel }\n      responsibleOfficer { ...StaffParts }\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n": typeof types.QueueDocument,
    "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n": typeof types.RetryPartDocument,
    "\n  query StaffNotices {\n    staffNotices(limit: 50) {\n      id kind audience applicationId text { zh en } deadline workingDaysLeft createdAt\n      part { id name { zh en } department status }\n      urge { id message answer answeredBy { name } }\n      followUp { id status }\n    }\n  }\n": typeof types.StaffNoticesDocument,
    "\n  mutation UrgePart($partId: ID!, $message: String!) {\n    urgePart(partId: $partId, message: $message) { id }\n  }\n": typeof types.UrgePartDocument,
    "\n  mutation AnswerUrge($urgeId: ID!, $answer: String!) {\n    answerUrge(urgeId: $urgeId, answer: $answer) { id answer }\n  }\n": typeof types.AnswerUrgeDocument,
    "\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n": typeof types.MySalesDocument,
    "\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n": typeof types.ConfirmSaleDocument,
    "\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n": typeof types.RevokeSaleDocument,
    "\n  query SalesToMe($onBehalfOf: OnBehalfOf) {\n    salesConfirmedToMe(onBehalfOf: $onBehalfOf) { ...SaleParts }\n  }\n": typeof types.SalesToMeDocument,
    "\n  mutation OpenWindowVisit($applicantIdNumber: IdNumber!, $identityCheck: IdentityCheckMethod!) {\n    openWindowVisit(applicantIdNumber: $applicantIdNumber, identityCheck: $identityCheck) {\n      visit {\n        id applicantIdNumber applicantName knownTo identityCheck openedAt expiresAt\n        officer { ...StaffParts }\n        agentFor { ...DelegationParts }\n      }\n      problems { ...ProblemParts }\n    }\n  }\n": typeof types.OpenWindowVisitDocument,
    "\n  query MyDrafts($onBehalfOf: OnBehalfOf) {\n    myDrafts(onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n": typeof types.MyDraftsDocument,
    "\n  mutation SaveDraft($input: DraftInput!, $onBehalfOf: OnBehalfOf) {\n    saveDraft(input: $input, onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n": typeof types.SaveDraftDocument,
    "\n  mutation DiscardDraft($draftId: ID!, $onBehalfOf: OnBehalfOf) {\n    discardDraft(draftId: $draftId, onBehalfOf: $onBehalfOf) { id }\n  }\n": typeof types.DiscardDraftDocument,
    "\n  query Receipt($id: ID!) {\n    application(id: $id) {\n      id status submittedAt applicantName applicantIdNumber receiptUrl\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department promisedLimitDays deadline }\n      materials { id upload { name } }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n    }\n  }\n": typeof types.ReceiptDocument,
    "\n  query WindowOfficers {\n    windowOfficers { ...StaffParts }\n  }\n": typeof types.WindowOfficersDocument,
    "\n  mutation TakeResponsibility($applicationId: ID!) {\n    takeResponsibility(applicationId: $applicationId) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n": typeof types.TakeResponsibilityDocument,
    "\n  mutation HandOverApplication($applicationId: ID!, $toOfficer: ID!, $reason: String) {\n    handOverApplication(applicationId: $applicationId, toOfficer: $toOfficer, reason: $reason) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n": typeof types.HandOverApplicationDocument,
    "\n  query Delegations {\n    myDelegations { ...DelegationParts }\n    delegationsToMe { ...DelegationParts }\n  }\n": typeof types.DelegationsDocument,
    "\n  query ApplicationsAsAgent {\n    applicationsAsAgent(limit: 50) {\n      id status submittedAt applicantName\n      bundle { code name { zh en } }\n    }\n  }\n": typeof types.ApplicationsAsAgentDocument,
    "\n  query BundleNames {\n    bundles { code name { zh en } }\n  }\n": typeof types.BundleNamesDocument,
    "\n  mutation GrantDelegation($input: DelegationInput!) {\n    grantDelegation(input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n": typeof types.GrantDelegationDocument,
    "\n  mutation RecordDelegation($visitId: ID!, $input: DelegationInput!) {\n    recordDelegation(visitId: $visitId, input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n": typeof types.RecordDelegationDocument,
    "\n  mutation RevokeDelegation($delegationId: ID!) {\n    revokeDelegation(delegationId: $delegationId) { ...DelegationParts }\n  }\n": typeof types.RevokeDelegationDocument,
    "\n  query FeePreview($bundleCode: ID!, $options: [String!], $values: [FormValueInput!]!) {\n    feePreview(bundleCode: $bundleCode, options: $options, values: $values) {\n      total complete\n      departments {\n        department itemCodes total\n        lines {\n          itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount\n          rule { zh en citation }\n        }\n        problem { code message { zh en } }\n      }\n    }\n  }\n": typeof types.FeePreviewDocument,
    "\n  fragment HeldDocumentParts on HeldDocument {\n    id number materialId name { zh en } kind department issuer issuedAt holderName subject\n    applicationId bundleCode itemCode caseNumber contentType size sha256 downloadPath\n    signature { algorithm keyId }\n  }\n": typeof types.HeldDocumentPartsFragmentDoc,
    "\n  query MyDocuments {\n    myDocuments { ...HeldDocumentParts }\n  }\n": typeof types.MyDocumentsDocument,
    "\n  fragment PerformanceRowParts on PerformanceRow {\n    key label applicationsTakenIn applicationsCompleted partsTakenIn partsCompleted onTime overdue onTimeRate\n    averageWorkingDays p90WorkingDays averagePromisedDays averageLegalDays promisedSpeedUp actualSpeedUp\n    instant corrections refusals deadLetters paymentsCollected ratings averageRating badRatings\n    followUpsOpened followUpsClosed followUpRate\n  }\n": typeof types.PerformanceRowPartsFragmentDoc,
    "\n  query Dashboard(\n    $filter: PerformanceFilter!\n    $by: PerformanceCut!\n    $interval: TrendInterval!\n    $withOfficers: Boolean!\n  ) {\n    total: performance(filter: $filter, by: TOTAL) { ...PerformanceRowParts }\n    cut: performance(filter: $filter, by: $by) { ...PerformanceRowParts }\n    departments: performance(filter: $filter, by: DEPARTMENT) { key overdue ratings badRatings }\n    officers: performance(filter: $filter, by: OFFICER) @include(if: $withOfficers) {\n      key label partsTakenIn partsCompleted onTimeRate averageWorkingDays averageRating\n    }\n    performanceTrend(filter: $filter, interval: $interval) { start completed onTime overdue onTimeRate }\n  }\n": typeof types.DashboardDocument,
    "\n  query PerformanceParts($filter: PerformanceFilter!, $figure: PerformanceFigure!) {\n    performanceParts(filter: $filter, figure: $figure, limit: 100) {\n      id itemCode name { zh en } department status caseNumber deadline\n      application { id applicantName }\n    }\n  }\n": typeof types.PerformancePartsDocument,
    "\n  query BundleAndItemNames {\n    bundles { code name { zh en } items { code name { zh en } } }\n  }\n": typeof types.BundleAndItemNamesDocument,
};
const documents: Documents = {
    "\n  fragment FormFieldParts on OneFormField {\n    key label { zh en } type required requiredFor usedBy editable\n    hint { zh en } minLength maxLength patterns min max\n    options { value label { zh en } }\n    section\n  }\n": types.FormFieldPartsFragmentDoc,
    "\n  fragment ProblemParts on FormProblem {\n    field code message { zh en } items\n  }\n": types.ProblemPartsFragmentDoc,
    "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    clock { state suspendedWorkingDays unknownCalendarYears stoppedBy { reason from declaredDays note } }\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n": types.PartPartsFragmentDoc,
    "\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n": types.SalePartsFragmentDoc,
    "\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n": types.AuditReaderPartsFragmentDoc,
    "\n  fragment StaffParts on StaffMember {\n    subject name centre\n  }\n": types.StaffPartsFragmentDoc,
    "\n  fragment IntakeParts on Intake {\n    channel identityCheck officer { ...StaffParts } agent { idNumber name delegationId }\n  }\n": types.IntakePartsFragmentDoc,
    "\n  fragment DraftParts on Draft {\n    id bundleCode bundle { code name { zh en } } options\n    values { key value }\n    materials { id upload { id name size } }\n    prefillId enterpriseUscc applicantIdNumber savedBy savedAt updatedAt expiresAt\n  }\n": types.DraftPartsFragmentDoc,
    "\n  fragment DelegationParts on Delegation {\n    id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes\n    validFrom validUntil grantedAt revokedAt status\n    powerOfAttorney { id name size }\n    recordedBy { ...StaffParts }\n  }\n": types.DelegationPartsFragmentDoc,
    "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n": types.BundlesDocument,
    "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n": types.BundleFormDocument,
    "\n  mutation GrantConsent(\n    $bundleCode: ID!\n    $scopes: [String!]!\n    $onBehalfOf: OnBehalfOf\n    $witnessed: WitnessedConsentInput\n  ) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes, onBehalfOf: $onBehalfOf, witnessed: $witnessed) {\n      id scopes grantedAt signatureForm witness { subject name }\n    }\n  }\n": types.GrantConsentDocument,
    "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID, $onBehalfOf: OnBehalfOf) {\n    prefillForm(\n      bundleCode: $bundleCode\n      options: $options\n      saleConfirmationId: $saleConfirmationId\n      onBehalfOf: $onBehalfOf\n    ) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n": types.PrefillDocument,
    "\n  mutation SubmitApplication($input: ApplicationInput!, $onBehalfOf: OnBehalfOf) {\n    submitApplication(input: $input, onBehalfOf: $onBehalfOf) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n": types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      ratings { ...ServiceRatingParts }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n      receiptUrl\n      payment { status holds }\n      handOut { ...HandOutParts }\n      documents { ...HeldDocumentParts }\n    }\n  }\n": types.ApplicationDocument,
    "\n  fragment PaymentParts on ApplicationPayment {\n    status waitsFor holds total paidAt problem\n    fees { itemCode department name basis amount }\n    refunds { orderNumber reason amount refundNumber refundedAt }\n    order {\n      orderNumber paymentCode status total paid refunded expiresAt paidAt channel latePayment checkoutUrl\n      lines { subOrderNumber item amount payee { name }\n        receipt { kind number issuedAt amount document signature } }\n    }\n  }\n": types.PaymentPartsFragmentDoc,
    "\n  query ApplicationPayment($id: ID!) {\n    application(id: $id) { id status payment { ...PaymentParts } }\n  }\n": types.ApplicationPaymentDocument,
    "\n  mutation CheckPayment($id: ID!) {\n    checkPayment(applicationId: $id) { ...PaymentParts }\n  }\n": types.CheckPaymentDocument,
    "\n  mutation RenewPayment($id: ID!) {\n    renewPayment(applicationId: $id) { ...PaymentParts }\n  }\n": types.RenewPaymentDocument,
    "\n  query MyNotices {\n    myNotices(limit: 100) { id kind applicationId text { zh en } createdAt readAt textStatus textSentAt }\n    myUnreadNoticeCount\n  }\n": types.MyNoticesDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]!) {\n    markNoticesRead(ids: $ids)\n  }\n": types.MarkNoticesReadDocument,
    "\n  fragment HandOutParts on HandOut {\n    method status waybillNumber waybillStatus signer deliveredAt\n    address { name province city county address postalCode }\n    collection { recipientName recipientIdMasked as identityCheck officer { name } }\n  }\n": types.HandOutPartsFragmentDoc,
    "\n  mutation ChooseHandOut($id: ID!, $handOut: HandOutInput!) {\n    chooseHandOut(applicationId: $id, handOut: $handOut) { ...HandOutParts }\n  }\n": types.ChooseHandOutDocument,
    "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n": types.MyApplicationsDocument,
    "\n  mutation CorrectApplication(\n    $applicationId: ID!\n    $partId: ID!\n    $values: [FormValueInput!]!\n    $onBehalfOf: OnBehalfOf\n  ) {\n    correctApplication(\n      applicationId: $applicationId\n      partId: $partId\n      values: $values\n      onBehalfOf: $onBehalfOf\n    ) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n": types.CorrectApplicationDocument,
    "\n  fragment FollowUpParts on RatingFollowUp {\n    id applicationId department centre status openedAt callBackDue rectifyDue overdue\n    calledBackAt callBackNote calledBackBy { name } rectifiedAt rectification rectifiedBy { name }\n    officerName applicantView applicantComment closedAt closedBy { name }\n  }\n": types.FollowUpPartsFragmentDoc,
    "\n  fragment ServiceRatingParts on ServiceRating {\n    id target department level reasons comment channel ratedAt\n    part { id name { zh en } department }\n    followUp { ...FollowUpParts }\n  }\n": types.ServiceRatingPartsFragmentDoc,
    "\n  query RatingReasons {\n    ratingReasons { code text { zh en } }\n  }\n": types.RatingReasonsDocument,
    "\n  mutation RateService($input: RateServiceInput!, $onBehalfOf: OnBehalfOf) {\n    rateService(input: $input, onBehalfOf: $onBehalfOf) {\n      id ratings { ...ServiceRatingParts }\n    }\n  }\n": types.RateServiceDocument,
    "\n  mutation AnswerFollowUp($followUpId: ID!, $view: ApplicantFollowUpView!, $comment: String) {\n    answerFollowUp(followUpId: $followUpId, view: $view, comment: $comment) { ...FollowUpParts }\n  }\n": types.AnswerFollowUpDocument,
    "\n  query RatingFollowUps($status: FollowUpStatus) {\n    ratingFollowUps(status: $status, limit: 100) {\n      ...FollowUpParts\n      rating { id target level reasons comment ratedAt part { id name { zh en } } }\n    }\n  }\n": types.RatingFollowUpsDocument,
    "\n  mutation RecordCallBack($followUpId: ID!, $note: String!) {\n    recordCallBack(followUpId: $followUpId, note: $note) { ...FollowUpParts }\n  }\n": types.RecordCallBackDocument,
    "\n  mutation RecordRectification($followUpId: ID!, $rectification: String!) {\n    recordRectification(followUpId: $followUpId, rectification: $rectification) { ...FollowUpParts }\n  }\n": types.RecordRectificationDocument,
    "\n  mutation CloseFollowUp($followUpId: ID!) {\n    closeFollowUp(followUpId: $followUpId) { ...FollowUpParts }\n  }\n": types.CloseFollowUpDocument,
    "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n": types.ReadsOfMyDataDocument,
    "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String, $mine: Boolean) {\n    applicationQueue(department: $department, status: $status, search: $search, mine: $mine, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      intake { channel }\n      responsibleOfficer { ...StaffParts }\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n": types.QueueDocument,
    "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n": types.RetryPartDocument,
    "\n  query StaffNotices {\n    staffNotices(limit: 50) {\n      id kind audience applicationId text { zh en } deadline workingDaysLeft createdAt\n      part { id name { zh en } department status }\n      urge { id message answer answeredBy { name } }\n      followUp { id status }\n    }\n  }\n": types.StaffNoticesDocument,
    "\n  mutation UrgePart($partId: ID!, $message: String!) {\n    urgePart(partId: $partId, message: $message) { id }\n  }\n": types.UrgePartDocument,
    "\n  mutation AnswerUrge($urgeId: ID!, $answer: String!) {\n    answerUrge(urgeId: $urgeId, answer: $answer) { id answer }\n  }\n": types.AnswerUrgeDocument,
    "\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n": types.MySalesDocument,
    "\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n": types.ConfirmSaleDocument,
    "\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n": types.RevokeSaleDocument,
    "\n  query SalesToMe($onBehalfOf: OnBehalfOf) {\n    salesConfirmedToMe(onBehalfOf: $onBehalfOf) { ...SaleParts }\n  }\n": types.SalesToMeDocument,
    "\n  mutation OpenWindowVisit($applicantIdNumber: IdNumber!, $identityCheck: IdentityCheckMethod!) {\n    openWindowVisit(applicantIdNumber: $applicantIdNumber, identityCheck: $identityCheck) {\n      visit {\n        id applicantIdNumber applicantName knownTo identityCheck openedAt expiresAt\n        officer { ...StaffParts }\n        agentFor { ...DelegationParts }\n      }\n      problems { ...ProblemParts }\n    }\n  }\n": types.OpenWindowVisitDocument,
    "\n  query MyDrafts($onBehalfOf: OnBehalfOf) {\n    myDrafts(onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n": types.MyDraftsDocument,
    "\n  mutation SaveDraft($input: DraftInput!, $onBehalfOf: OnBehalfOf) {\n    saveDraft(input: $input, onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n": types.SaveDraftDocument,
    "\n  mutation DiscardDraft($draftId: ID!, $onBehalfOf: OnBehalfOf) {\n    discardDraft(draftId: $draftId, onBehalfOf: $onBehalfOf) { id }\n  }\n": types.DiscardDraftDocument,
    "\n  query Receipt($id: ID!) {\n    application(id: $id) {\n      id status submittedAt applicantName applicantIdNumber receiptUrl\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department promisedLimitDays deadline }\n      materials { id upload { name } }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n    }\n  }\n": types.ReceiptDocument,
    "\n  query WindowOfficers {\n    windowOfficers { ...StaffParts }\n  }\n": types.WindowOfficersDocument,
    "\n  mutation TakeResponsibility($applicationId: ID!) {\n    takeResponsibility(applicationId: $applicationId) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n": types.TakeResponsibilityDocument,
    "\n  mutation HandOverApplication($applicationId: ID!, $toOfficer: ID!, $reason: String) {\n    handOverApplication(applicationId: $applicationId, toOfficer: $toOfficer, reason: $reason) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n": types.HandOverApplicationDocument,
    "\n  query Delegations {\n    myDelegations { ...DelegationParts }\n    delegationsToMe { ...DelegationParts }\n  }\n": types.DelegationsDocument,
    "\n  query ApplicationsAsAgent {\n    applicationsAsAgent(limit: 50) {\n      id status submittedAt applicantName\n      bundle { code name { zh en } }\n    }\n  }\n": types.ApplicationsAsAgentDocument,
    "\n  query BundleNames {\n    bundles { code name { zh en } }\n  }\n": types.BundleNamesDocument,
    "\n  mutation GrantDelegation($input: DelegationInput!) {\n    grantDelegation(input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n": types.GrantDelegationDocument,
    "\n  mutation RecordDelegation($visitId: ID!, $input: DelegationInput!) {\n    recordDelegation(visitId: $visitId, input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n": types.RecordDelegationDocument,
    "\n  mutation RevokeDelegation($delegationId: ID!) {\n    revokeDelegation(delegationId: $delegationId) { ...DelegationParts }\n  }\n": types.RevokeDelegationDocument,
    "\n  query FeePreview($bundleCode: ID!, $options: [String!], $values: [FormValueInput!]!) {\n    feePreview(bundleCode: $bundleCode, options: $options, values: $values) {\n      total complete\n      departments {\n        department itemCodes total\n        lines {\n          itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount\n          rule { zh en citation }\n        }\n        problem { code message { zh en } }\n      }\n    }\n  }\n": types.FeePreviewDocument,
    "\n  fragment HeldDocumentParts on HeldDocument {\n    id number materialId name { zh en } kind department issuer issuedAt holderName subject\n    applicationId bundleCode itemCode caseNumber contentType size sha256 downloadPath\n    signature { algorithm keyId }\n  }\n": types.HeldDocumentPartsFragmentDoc,
    "\n  query MyDocuments {\n    myDocuments { ...HeldDocumentParts }\n  }\n": types.MyDocumentsDocument,
    "\n  fragment PerformanceRowParts on PerformanceRow {\n    key label applicationsTakenIn applicationsCompleted partsTakenIn partsCompleted onTime overdue onTimeRate\n    averageWorkingDays p90WorkingDays averagePromisedDays averageLegalDays promisedSpeedUp actualSpeedUp\n    instant corrections refusals deadLetters paymentsCollected ratings averageRating badRatings\n    followUpsOpened followUpsClosed followUpRate\n  }\n": types.PerformanceRowPartsFragmentDoc,
    "\n  query Dashboard(\n    $filter: PerformanceFilter!\n    $by: PerformanceCut!\n    $interval: TrendInterval!\n    $withOfficers: Boolean!\n  ) {\n    total: performance(filter: $filter, by: TOTAL) { ...PerformanceRowParts }\n    cut: performance(filter: $filter, by: $by) { ...PerformanceRowParts }\n    departments: performance(filter: $filter, by: DEPARTMENT) { key overdue ratings badRatings }\n    officers: performance(filter: $filter, by: OFFICER) @include(if: $withOfficers) {\n      key label partsTakenIn partsCompleted onTimeRate averageWorkingDays averageRating\n    }\n    performanceTrend(filter: $filter, interval: $interval) { start completed onTime overdue onTimeRate }\n  }\n": types.DashboardDocument,
    "\n  query PerformanceParts($filter: PerformanceFilter!, $figure: PerformanceFigure!) {\n    performanceParts(filter: $filter, figure: $figure, limit: 100) {\n      id itemCode name { zh en } department status caseNumber deadline\n      application { id applicantName }\n    }\n  }\n": types.PerformancePartsDocument,
    "\n  query BundleAndItemNames {\n    bundles { code name { zh en } items { code name { zh en } } }\n  }\n": types.BundleAndItemNamesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FormFieldParts on OneFormField {\n    key label { zh en } type required requiredFor usedBy editable\n    hint { zh en } minLength maxLength patterns min max\n    options { value label { zh en } }\n    section\n  }\n"): (typeof documents)["\n  fragment FormFieldParts on OneFormField {\n    key label { zh en } type required requiredFor usedBy editable\n    hint { zh en } minLength maxLength patterns min max\n    options { value label { zh en } }\n    section\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProblemParts on FormProblem {\n    field code message { zh en } items\n  }\n"): (typeof documents)["\n  fragment ProblemParts on FormProblem {\n    field code message { zh en } items\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    clock { state suspendedWorkingDays unknownCalendarYears stoppedBy { reason from declaredDays note } }\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n"): (typeof documents)["\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    clock { state suspendedWorkingDays unknownCalendarYears stoppedBy { reason from declaredDays note } }\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n"): (typeof documents)["\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n"): (typeof documents)["\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffParts on StaffMember {\n    subject name centre\n  }\n"): (typeof documents)["\n  fragment StaffParts on StaffMember {\n    subject name centre\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IntakeParts on Intake {\n    channel identityCheck officer { ...StaffParts } agent { idNumber name delegationId }\n  }\n"): (typeof documents)["\n  fragment IntakeParts on Intake {\n    channel identityCheck officer { ...StaffParts } agent { idNumber name delegationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DraftParts on Draft {\n    id bundleCode bundle { code name { zh en } } options\n    values { key value }\n    materials { id upload { id name size } }\n    prefillId enterpriseUscc applicantIdNumber savedBy savedAt updatedAt expiresAt\n  }\n"): (typeof documents)["\n  fragment DraftParts on Draft {\n    id bundleCode bundle { code name { zh en } } options\n    values { key value }\n    materials { id upload { id name size } }\n    prefillId enterpriseUscc applicantIdNumber savedBy savedAt updatedAt expiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DelegationParts on Delegation {\n    id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes\n    validFrom validUntil grantedAt revokedAt status\n    powerOfAttorney { id name size }\n    recordedBy { ...StaffParts }\n  }\n"): (typeof documents)["\n  fragment DelegationParts on Delegation {\n    id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes\n    validFrom validUntil grantedAt revokedAt status\n    powerOfAttorney { id name size }\n    recordedBy { ...StaffParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantConsent(\n    $bundleCode: ID!\n    $scopes: [String!]!\n    $onBehalfOf: OnBehalfOf\n    $witnessed: WitnessedConsentInput\n  ) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes, onBehalfOf: $onBehalfOf, witnessed: $witnessed) {\n      id scopes grantedAt signatureForm witness { subject name }\n    }\n  }\n"): (typeof documents)["\n  mutation GrantConsent(\n    $bundleCode: ID!\n    $scopes: [String!]!\n    $onBehalfOf: OnBehalfOf\n    $witnessed: WitnessedConsentInput\n  ) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes, onBehalfOf: $onBehalfOf, witnessed: $witnessed) {\n      id scopes grantedAt signatureForm witness { subject name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID, $onBehalfOf: OnBehalfOf) {\n    prefillForm(\n      bundleCode: $bundleCode\n      options: $options\n      saleConfirmationId: $saleConfirmationId\n      onBehalfOf: $onBehalfOf\n    ) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n"): (typeof documents)["\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID, $onBehalfOf: OnBehalfOf) {\n    prefillForm(\n      bundleCode: $bundleCode\n      options: $options\n      saleConfirmationId: $saleConfirmationId\n      onBehalfOf: $onBehalfOf\n    ) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($input: ApplicationInput!, $onBehalfOf: OnBehalfOf) {\n    submitApplication(input: $input, onBehalfOf: $onBehalfOf) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitApplication($input: ApplicationInput!, $onBehalfOf: OnBehalfOf) {\n    submitApplication(input: $input, onBehalfOf: $onBehalfOf) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      ratings { ...ServiceRatingParts }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n      receiptUrl\n      payment { status holds }\n      handOut { ...HandOutParts }\n      documents { ...HeldDocumentParts }\n    }\n  }\n"): (typeof documents)["\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      ratings { ...ServiceRatingParts }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n      receiptUrl\n      payment { status holds }\n      handOut { ...HandOutParts }\n      documents { ...HeldDocumentParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentParts on ApplicationPayment {\n    status waitsFor holds total paidAt problem\n    fees { itemCode department name basis amount }\n    refunds { orderNumber reason amount refundNumber refundedAt }\n    order {\n      orderNumber paymentCode status total paid refunded expiresAt paidAt channel latePayment checkoutUrl\n      lines { subOrderNumber item amount payee { name }\n        receipt { kind number issuedAt amount document signature } }\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentParts on ApplicationPayment {\n    status waitsFor holds total paidAt problem\n    fees { itemCode department name basis amount }\n    refunds { orderNumber reason amount refundNumber refundedAt }\n    order {\n      orderNumber paymentCode status total paid refunded expiresAt paidAt channel latePayment checkoutUrl\n      lines { subOrderNumber item amount payee { name }\n        receipt { kind number issuedAt amount document signature } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationPayment($id: ID!) {\n    application(id: $id) { id status payment { ...PaymentParts } }\n  }\n"): (typeof documents)["\n  query ApplicationPayment($id: ID!) {\n    application(id: $id) { id status payment { ...PaymentParts } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckPayment($id: ID!) {\n    checkPayment(applicationId: $id) { ...PaymentParts }\n  }\n"): (typeof documents)["\n  mutation CheckPayment($id: ID!) {\n    checkPayment(applicationId: $id) { ...PaymentParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewPayment($id: ID!) {\n    renewPayment(applicationId: $id) { ...PaymentParts }\n  }\n"): (typeof documents)["\n  mutation RenewPayment($id: ID!) {\n    renewPayment(applicationId: $id) { ...PaymentParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotices {\n    myNotices(limit: 100) { id kind applicationId text { zh en } createdAt readAt textStatus textSentAt }\n    myUnreadNoticeCount\n  }\n"): (typeof documents)["\n  query MyNotices {\n    myNotices(limit: 100) { id kind applicationId text { zh en } createdAt readAt textStatus textSentAt }\n    myUnreadNoticeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoticesRead($ids: [ID!]!) {\n    markNoticesRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNoticesRead($ids: [ID!]!) {\n    markNoticesRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HandOutParts on HandOut {\n    method status waybillNumber waybillStatus signer deliveredAt\n    address { name province city county address postalCode }\n    collection { recipientName recipientIdMasked as identityCheck officer { name } }\n  }\n"): (typeof documents)["\n  fragment HandOutParts on HandOut {\n    method status waybillNumber waybillStatus signer deliveredAt\n    address { name province city county address postalCode }\n    collection { recipientName recipientIdMasked as identityCheck officer { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChooseHandOut($id: ID!, $handOut: HandOutInput!) {\n    chooseHandOut(applicationId: $id, handOut: $handOut) { ...HandOutParts }\n  }\n"): (typeof documents)["\n  mutation ChooseHandOut($id: ID!, $handOut: HandOutInput!) {\n    chooseHandOut(applicationId: $id, handOut: $handOut) { ...HandOutParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n"): (typeof documents)["\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectApplication(\n    $applicationId: ID!\n    $partId: ID!\n    $values: [FormValueInput!]!\n    $onBehalfOf: OnBehalfOf\n  ) {\n    correctApplication(\n      applicationId: $applicationId\n      partId: $partId\n      values: $values\n      onBehalfOf: $onBehalfOf\n    ) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n"): (typeof documents)["\n  mutation CorrectApplication(\n    $applicationId: ID!\n    $partId: ID!\n    $values: [FormValueInput!]!\n    $onBehalfOf: OnBehalfOf\n  ) {\n    correctApplication(\n      applicationId: $applicationId\n      partId: $partId\n      values: $values\n      onBehalfOf: $onBehalfOf\n    ) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FollowUpParts on RatingFollowUp {\n    id applicationId department centre status openedAt callBackDue rectifyDue overdue\n    calledBackAt callBackNote calledBackBy { name } rectifiedAt rectification rectifiedBy { name }\n    officerName applicantView applicantComment closedAt closedBy { name }\n  }\n"): (typeof documents)["\n  fragment FollowUpParts on RatingFollowUp {\n    id applicationId department centre status openedAt callBackDue rectifyDue overdue\n    calledBackAt callBackNote calledBackBy { name } rectifiedAt rectification rectifiedBy { name }\n    officerName applicantView applicantComment closedAt closedBy { name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceRatingParts on ServiceRating {\n    id target department level reasons comment channel ratedAt\n    part { id name { zh en } department }\n    followUp { ...FollowUpParts }\n  }\n"): (typeof documents)["\n  fragment ServiceRatingParts on ServiceRating {\n    id target department level reasons comment channel ratedAt\n    part { id name { zh en } department }\n    followUp { ...FollowUpParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RatingReasons {\n    ratingReasons { code text { zh en } }\n  }\n"): (typeof documents)["\n  query RatingReasons {\n    ratingReasons { code text { zh en } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateService($input: RateServiceInput!, $onBehalfOf: OnBehalfOf) {\n    rateService(input: $input, onBehalfOf: $onBehalfOf) {\n      id ratings { ...ServiceRatingParts }\n    }\n  }\n"): (typeof documents)["\n  mutation RateService($input: RateServiceInput!, $onBehalfOf: OnBehalfOf) {\n    rateService(input: $input, onBehalfOf: $onBehalfOf) {\n      id ratings { ...ServiceRatingParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerFollowUp($followUpId: ID!, $view: ApplicantFollowUpView!, $comment: String) {\n    answerFollowUp(followUpId: $followUpId, view: $view, comment: $comment) { ...FollowUpParts }\n  }\n"): (typeof documents)["\n  mutation AnswerFollowUp($followUpId: ID!, $view: ApplicantFollowUpView!, $comment: String) {\n    answerFollowUp(followUpId: $followUpId, view: $view, comment: $comment) { ...FollowUpParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RatingFollowUps($status: FollowUpStatus) {\n    ratingFollowUps(status: $status, limit: 100) {\n      ...FollowUpParts\n      rating { id target level reasons comment ratedAt part { id name { zh en } } }\n    }\n  }\n"): (typeof documents)["\n  query RatingFollowUps($status: FollowUpStatus) {\n    ratingFollowUps(status: $status, limit: 100) {\n      ...FollowUpParts\n      rating { id target level reasons comment ratedAt part { id name { zh en } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCallBack($followUpId: ID!, $note: String!) {\n    recordCallBack(followUpId: $followUpId, note: $note) { ...FollowUpParts }\n  }\n"): (typeof documents)["\n  mutation RecordCallBack($followUpId: ID!, $note: String!) {\n    recordCallBack(followUpId: $followUpId, note: $note) { ...FollowUpParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordRectification($followUpId: ID!, $rectification: String!) {\n    recordRectification(followUpId: $followUpId, rectification: $rectification) { ...FollowUpParts }\n  }\n"): (typeof documents)["\n  mutation RecordRectification($followUpId: ID!, $rectification: String!) {\n    recordRectification(followUpId: $followUpId, rectification: $rectification) { ...FollowUpParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseFollowUp($followUpId: ID!) {\n    closeFollowUp(followUpId: $followUpId) { ...FollowUpParts }\n  }\n"): (typeof documents)["\n  mutation CloseFollowUp($followUpId: ID!) {\n    closeFollowUp(followUpId: $followUpId) { ...FollowUpParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n"): (typeof documents)["\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String, $mine: Boolean) {\n    applicationQueue(department: $department, status: $status, search: $search, mine: $mine, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      intake { channel }\n      responsibleOfficer { ...StaffParts }\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n"): (typeof documents)["\n  query Queue($department: Department, $status: ApplicationStatus, $search: String, $mine: Boolean) {\n    applicationQueue(department: $department, status: $status, search: $search, mine: $mine, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      intake { channel }\n      responsibleOfficer { ...StaffParts }\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n"): (typeof documents)["\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffNotices {\n    staffNotices(limit: 50) {\n      id kind audience applicationId text { zh en } deadline workingDaysLeft createdAt\n      part { id name { zh en } department status }\n      urge { id message answer answeredBy { name } }\n      followUp { id status }\n    }\n  }\n"): (typeof documents)["\n  query StaffNotices {\n    staffNotices(limit: 50) {\n      id kind audience applicationId text { zh en } deadline workingDaysLeft createdAt\n      part { id name { zh en } department status }\n      urge { id message answer answeredBy { name } }\n      followUp { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UrgePart($partId: ID!, $message: String!) {\n    urgePart(partId: $partId, message: $message) { id }\n  }\n"): (typeof documents)["\n  mutation UrgePart($partId: ID!, $message: String!) {\n    urgePart(partId: $partId, message: $message) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerUrge($urgeId: ID!, $answer: String!) {\n    answerUrge(urgeId: $urgeId, answer: $answer) { id answer }\n  }\n"): (typeof documents)["\n  mutation AnswerUrge($urgeId: ID!, $answer: String!) {\n    answerUrge(urgeId: $urgeId, answer: $answer) { id answer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n"): (typeof documents)["\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n"): (typeof documents)["\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n"): (typeof documents)["\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesToMe($onBehalfOf: OnBehalfOf) {\n    salesConfirmedToMe(onBehalfOf: $onBehalfOf) { ...SaleParts }\n  }\n"): (typeof documents)["\n  query SalesToMe($onBehalfOf: OnBehalfOf) {\n    salesConfirmedToMe(onBehalfOf: $onBehalfOf) { ...SaleParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenWindowVisit($applicantIdNumber: IdNumber!, $identityCheck: IdentityCheckMethod!) {\n    openWindowVisit(applicantIdNumber: $applicantIdNumber, identityCheck: $identityCheck) {\n      visit {\n        id applicantIdNumber applicantName knownTo identityCheck openedAt expiresAt\n        officer { ...StaffParts }\n        agentFor { ...DelegationParts }\n      }\n      problems { ...ProblemParts }\n    }\n  }\n"): (typeof documents)["\n  mutation OpenWindowVisit($applicantIdNumber: IdNumber!, $identityCheck: IdentityCheckMethod!) {\n    openWindowVisit(applicantIdNumber: $applicantIdNumber, identityCheck: $identityCheck) {\n      visit {\n        id applicantIdNumber applicantName knownTo identityCheck openedAt expiresAt\n        officer { ...StaffParts }\n        agentFor { ...DelegationParts }\n      }\n      problems { ...ProblemParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDrafts($onBehalfOf: OnBehalfOf) {\n    myDrafts(onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n"): (typeof documents)["\n  query MyDrafts($onBehalfOf: OnBehalfOf) {\n    myDrafts(onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveDraft($input: DraftInput!, $onBehalfOf: OnBehalfOf) {\n    saveDraft(input: $input, onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n"): (typeof documents)["\n  mutation SaveDraft($input: DraftInput!, $onBehalfOf: OnBehalfOf) {\n    saveDraft(input: $input, onBehalfOf: $onBehalfOf) { ...DraftParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiscardDraft($draftId: ID!, $onBehalfOf: OnBehalfOf) {\n    discardDraft(draftId: $draftId, onBehalfOf: $onBehalfOf) { id }\n  }\n"): (typeof documents)["\n  mutation DiscardDraft($draftId: ID!, $onBehalfOf: OnBehalfOf) {\n    discardDraft(draftId: $draftId, onBehalfOf: $onBehalfOf) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Receipt($id: ID!) {\n    application(id: $id) {\n      id status submittedAt applicantName applicantIdNumber receiptUrl\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department promisedLimitDays deadline }\n      materials { id upload { name } }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n    }\n  }\n"): (typeof documents)["\n  query Receipt($id: ID!) {\n    application(id: $id) {\n      id status submittedAt applicantName applicantIdNumber receiptUrl\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department promisedLimitDays deadline }\n      materials { id upload { name } }\n      intake { ...IntakeParts }\n      responsibleOfficer { ...StaffParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WindowOfficers {\n    windowOfficers { ...StaffParts }\n  }\n"): (typeof documents)["\n  query WindowOfficers {\n    windowOfficers { ...StaffParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TakeResponsibility($applicationId: ID!) {\n    takeResponsibility(applicationId: $applicationId) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n"): (typeof documents)["\n  mutation TakeResponsibility($applicationId: ID!) {\n    takeResponsibility(applicationId: $applicationId) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandOverApplication($applicationId: ID!, $toOfficer: ID!, $reason: String) {\n    handOverApplication(applicationId: $applicationId, toOfficer: $toOfficer, reason: $reason) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n"): (typeof documents)["\n  mutation HandOverApplication($applicationId: ID!, $toOfficer: ID!, $reason: String) {\n    handOverApplication(applicationId: $applicationId, toOfficer: $toOfficer, reason: $reason) {\n      id\n      responsibleOfficer { ...StaffParts }\n      handovers { from { ...StaffParts } to { ...StaffParts } reason at }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Delegations {\n    myDelegations { ...DelegationParts }\n    delegationsToMe { ...DelegationParts }\n  }\n"): (typeof documents)["\n  query Delegations {\n    myDelegations { ...DelegationParts }\n    delegationsToMe { ...DelegationParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationsAsAgent {\n    applicationsAsAgent(limit: 50) {\n      id status submittedAt applicantName\n      bundle { code name { zh en } }\n    }\n  }\n"): (typeof documents)["\n  query ApplicationsAsAgent {\n    applicationsAsAgent(limit: 50) {\n      id status submittedAt applicantName\n      bundle { code name { zh en } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BundleNames {\n    bundles { code name { zh en } }\n  }\n"): (typeof documents)["\n  query BundleNames {\n    bundles { code name { zh en } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantDelegation($input: DelegationInput!) {\n    grantDelegation(input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n"): (typeof documents)["\n  mutation GrantDelegation($input: DelegationInput!) {\n    grantDelegation(input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordDelegation($visitId: ID!, $input: DelegationInput!) {\n    recordDelegation(visitId: $visitId, input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordDelegation($visitId: ID!, $input: DelegationInput!) {\n    recordDelegation(visitId: $visitId, input: $input) {\n      delegation { ...DelegationParts }\n      problems { ...ProblemParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeDelegation($delegationId: ID!) {\n    revokeDelegation(delegationId: $delegationId) { ...DelegationParts }\n  }\n"): (typeof documents)["\n  mutation RevokeDelegation($delegationId: ID!) {\n    revokeDelegation(delegationId: $delegationId) { ...DelegationParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeePreview($bundleCode: ID!, $options: [String!], $values: [FormValueInput!]!) {\n    feePreview(bundleCode: $bundleCode, options: $options, values: $values) {\n      total complete\n      departments {\n        department itemCodes total\n        lines {\n          itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount\n          rule { zh en citation }\n        }\n        problem { code message { zh en } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FeePreview($bundleCode: ID!, $options: [String!], $values: [FormValueInput!]!) {\n    feePreview(bundleCode: $bundleCode, options: $options, values: $values) {\n      total complete\n      departments {\n        department itemCodes total\n        lines {\n          itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount\n          rule { zh en citation }\n        }\n        problem { code message { zh en } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HeldDocumentParts on HeldDocument {\n    id number materialId name { zh en } kind department issuer issuedAt holderName subject\n    applicationId bundleCode itemCode caseNumber contentType size sha256 downloadPath\n    signature { algorithm keyId }\n  }\n"): (typeof documents)["\n  fragment HeldDocumentParts on HeldDocument {\n    id number materialId name { zh en } kind department issuer issuedAt holderName subject\n    applicationId bundleCode itemCode caseNumber contentType size sha256 downloadPath\n    signature { algorithm keyId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDocuments {\n    myDocuments { ...HeldDocumentParts }\n  }\n"): (typeof documents)["\n  query MyDocuments {\n    myDocuments { ...HeldDocumentParts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PerformanceRowParts on PerformanceRow {\n    key label applicationsTakenIn applicationsCompleted partsTakenIn partsCompleted onTime overdue onTimeRate\n    averageWorkingDays p90WorkingDays averagePromisedDays averageLegalDays promisedSpeedUp actualSpeedUp\n    instant corrections refusals deadLetters paymentsCollected ratings averageRating badRatings\n    followUpsOpened followUpsClosed followUpRate\n  }\n"): (typeof documents)["\n  fragment PerformanceRowParts on PerformanceRow {\n    key label applicationsTakenIn applicationsCompleted partsTakenIn partsCompleted onTime overdue onTimeRate\n    averageWorkingDays p90WorkingDays averagePromisedDays averageLegalDays promisedSpeedUp actualSpeedUp\n    instant corrections refusals deadLetters paymentsCollected ratings averageRating badRatings\n    followUpsOpened followUpsClosed followUpRate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard(\n    $filter: PerformanceFilter!\n    $by: PerformanceCut!\n    $interval: TrendInterval!\n    $withOfficers: Boolean!\n  ) {\n    total: performance(filter: $filter, by: TOTAL) { ...PerformanceRowParts }\n    cut: performance(filter: $filter, by: $by) { ...PerformanceRowParts }\n    departments: performance(filter: $filter, by: DEPARTMENT) { key overdue ratings badRatings }\n    officers: performance(filter: $filter, by: OFFICER) @include(if: $withOfficers) {\n      key label partsTakenIn partsCompleted onTimeRate averageWorkingDays averageRating\n    }\n    performanceTrend(filter: $filter, interval: $interval) { start completed onTime overdue onTimeRate }\n  }\n"): (typeof documents)["\n  query Dashboard(\n    $filter: PerformanceFilter!\n    $by: PerformanceCut!\n    $interval: TrendInterval!\n    $withOfficers: Boolean!\n  ) {\n    total: performance(filter: $filter, by: TOTAL) { ...PerformanceRowParts }\n    cut: performance(filter: $filter, by: $by) { ...PerformanceRowParts }\n    departments: performance(filter: $filter, by: DEPARTMENT) { key overdue ratings badRatings }\n    officers: performance(filter: $filter, by: OFFICER) @include(if: $withOfficers) {\n      key label partsTakenIn partsCompleted onTimeRate averageWorkingDays averageRating\n    }\n    performanceTrend(filter: $filter, interval: $interval) { start completed onTime overdue onTimeRate }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PerformanceParts($filter: PerformanceFilter!, $figure: PerformanceFigure!) {\n    performanceParts(filter: $filter, figure: $figure, limit: 100) {\n      id itemCode name { zh en } department status caseNumber deadline\n      application { id applicantName }\n    }\n  }\n"): (typeof documents)["\n  query PerformanceParts($filter: PerformanceFilter!, $figure: PerformanceFigure!) {\n    performanceParts(filter: $filter, figure: $figure, limit: 100) {\n      id itemCode name { zh en } department status caseNumber deadline\n      application { id applicantName }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BundleAndItemNames {\n    bundles { code name { zh en } items { code name { zh en } } }\n  }\n"): (typeof documents)["\n  query BundleAndItemNames {\n    bundles { code name { zh en } items { code name { zh en } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;