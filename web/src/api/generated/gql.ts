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
    "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n": typeof types.PartPartsFragmentDoc,
    "\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n": typeof types.SalePartsFragmentDoc,
    "\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n": typeof types.AuditReaderPartsFragmentDoc,
    "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n": typeof types.BundlesDocument,
    "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n": typeof types.BundleFormDocument,
    "\n  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }\n  }\n": typeof types.GrantConsentDocument,
    "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {\n    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n": typeof types.PrefillDocument,
    "\n  mutation SubmitApplication($input: ApplicationInput!) {\n    submitApplication(input: $input) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n": typeof types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      rating { level comment ratedAt }\n    }\n  }\n": typeof types.ApplicationDocument,
    "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n": typeof types.MyApplicationsDocument,
    "\n  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {\n    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n": typeof types.CorrectApplicationDocument,
    "\n  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {\n    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {\n      id rating { level comment ratedAt }\n    }\n  }\n": typeof types.RateApplicationDocument,
    "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n": typeof types.ReadsOfMyDataDocument,
    "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String) {\n    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n": typeof types.QueueDocument,
    "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n": typeof types.RetryPartDocument,
    "\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n": typeof types.MySalesDocument,
    "\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n": typeof types.ConfirmSaleDocument,
    "\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n": typeof types.RevokeSaleDocument,
    "\n  query SalesToMe {\n    salesConfirmedToMe { ...SaleParts }\n  }\n": typeof types.SalesToMeDocument,
};
const documents: Documents = {
    "\n  fragment FormFieldParts on OneFormField {\n    key label { zh en } type required requiredFor usedBy editable\n    hint { zh en } minLength maxLength patterns min max\n    options { value label { zh en } }\n    section\n  }\n": types.FormFieldPartsFragmentDoc,
    "\n  fragment ProblemParts on FormProblem {\n    field code message { zh en } items\n  }\n": types.ProblemPartsFragmentDoc,
    "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n": types.PartPartsFragmentDoc,
    "\n  fragment SaleParts on SaleConfirmation {\n    id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live\n  }\n": types.SalePartsFragmentDoc,
    "\n  fragment AuditReaderParts on AuditReader {\n    id kind name { zh en }\n  }\n": types.AuditReaderPartsFragmentDoc,
    "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n": types.BundlesDocument,
    "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n": types.BundleFormDocument,
    "\n  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }\n  }\n": types.GrantConsentDocument,
    "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {\n    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n": types.PrefillDocument,
    "\n  mutation SubmitApplication($input: ApplicationInput!) {\n    submitApplication(input: $input) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n": types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      rating { level comment ratedAt }\n    }\n  }\n": types.ApplicationDocument,
    "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n": types.MyApplicationsDocument,
    "\n  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {\n    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n": types.CorrectApplicationDocument,
    "\n  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {\n    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {\n      id rating { level comment ratedAt }\n    }\n  }\n": types.RateApplicationDocument,
    "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n": types.ReadsOfMyDataDocument,
    "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String) {\n    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n": types.QueueDocument,
    "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n": types.RetryPartDocument,
    "\n  query MySales {\n    me { idNumber properties { unitCode address } }\n    mySaleConfirmations { ...SaleParts }\n  }\n": types.MySalesDocument,
    "\n  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {\n    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ...SaleParts }\n  }\n": types.ConfirmSaleDocument,
    "\n  mutation RevokeSale($id: ID!) {\n    revokeSaleConfirmation(saleConfirmationId: $id) { ...SaleParts }\n  }\n": types.RevokeSaleDocument,
    "\n  query SalesToMe {\n    salesConfirmedToMe { ...SaleParts }\n  }\n": types.SalesToMeDocument,
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
export function graphql(source: "\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n"): (typeof documents)["\n  fragment PartParts on ApplicationPart {\n    id itemCode name { zh en } department after status caseNumber acceptedAt statusAt\n    reason correctionFields result { key value } promisedLimitDays deadline\n    supervision { flag workingDaysLeft deadline } attempts\n    lastError { code message { zh en } detail } deadLetteredAt\n  }\n"];
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
export function graphql(source: "\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Bundles {\n    bundles {\n      code\n      name { zh en }\n      description { zh en }\n      items { code department name { zh en } option promisedLimitDays }\n      savings {\n        fields { separately bundled saved }\n        materials { separately bundled saved }\n        windows { separately bundled saved }\n        visits { separately bundled saved }\n        timeLimitDays { separately bundled saved }\n        typedByHand { fields typed }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BundleForm($code: ID!, $options: [String!]) {\n    bundle(code: $code) {\n      code\n      name { zh en }\n      description { zh en }\n      options { key label { zh en } items }\n      items { code name { zh en } department }\n      consentScopes(options: $options) { key department data { zh en } purpose { zh en } fields }\n      form(options: $options) {\n        items\n        sections { key title { zh en } fieldKeys }\n        fields { ...FormFieldParts }\n        materials {\n          id name { zh en } required original copies usedBy formats submit source producedBy heldBy\n        }\n        flows { from key to }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }\n  }\n"): (typeof documents)["\n  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {\n    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {\n    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n"): (typeof documents)["\n  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {\n    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {\n      id\n      values { key value department updatedAt editable }\n      unavailable { department code message fields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($input: ApplicationInput!) {\n    submitApplication(input: $input) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitApplication($input: ApplicationInput!) {\n    submitApplication(input: $input) {\n      application { id status }\n      problems { ...ProblemParts }\n      notChecked { rule department reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      rating { level comment ratedAt }\n    }\n  }\n"): (typeof documents)["\n  query Application($id: ID!) {\n    application(id: $id) {\n      id bundleCode status submittedAt completedAt applicantName flag\n      bundle {\n        code\n        name { zh en }\n        form { fields { ...FormFieldParts } }\n      }\n      parts { ...PartParts }\n      values { key value }\n      materials { id upload { id name contentType size } }\n      rating { level comment ratedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n"): (typeof documents)["\n  query MyApplications {\n    myApplications(limit: 50) {\n      id bundleCode status submittedAt completedAt flag\n      bundle { code name { zh en } }\n      parts { id itemCode department status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {\n    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n"): (typeof documents)["\n  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {\n    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {\n      application { id status }\n      problems { ...ProblemParts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {\n    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {\n      id rating { level comment ratedAt }\n    }\n  }\n"): (typeof documents)["\n  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {\n    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {\n      id rating { level comment ratedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n"): (typeof documents)["\n  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {\n    readsOfMyData(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id at department fields fieldLabels { zh en } bundleCode applicationId\n          why { kind about text { zh en } }\n          reader { ...AuditReaderParts }\n        }\n      }\n      readers { reader { ...AuditReaderParts } count lastReadAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Queue($department: Department, $status: ApplicationStatus, $search: String) {\n    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n"): (typeof documents)["\n  query Queue($department: Department, $status: ApplicationStatus, $search: String) {\n    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {\n      id bundleCode status submittedAt applicantName flag\n      bundle { code name { zh en } }\n      parts { id itemCode name { zh en } department status caseNumber deadline supervision { flag workingDaysLeft } }\n    }\n    deadLetteredParts(department: $department) {\n      id itemCode name { zh en } department attempts\n      lastError { code message { zh en } detail } deadLetteredAt\n      application { id applicantName bundle { name { zh en } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n"): (typeof documents)["\n  mutation RetryPart($partId: ID!) {\n    retryPart(partId: $partId) { id status attempts }\n  }\n"];
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
export function graphql(source: "\n  query SalesToMe {\n    salesConfirmedToMe { ...SaleParts }\n  }\n"): (typeof documents)["\n  query SalesToMe {\n    salesConfirmedToMe { ...SaleParts }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;