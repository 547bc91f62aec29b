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

export const GRANT_CONSENT = graphql(`
  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {
    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }
  }
`);

export const PREFILL = graphql(`
  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {
    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {
      id
      values { key value department updatedAt editable }
      unavailable { department code message fields }
    }
  }
`);

export const SUBMIT = graphql(`
  mutation SubmitApplication($input: ApplicationInput!) {
    submitApplication(input: $input) {
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
      rating { level comment ratedAt }
    }
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
  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {
    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {
      application { id status }
      problems { ...ProblemParts }
    }
  }
`);

export const RATE = graphql(`
  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {
    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {
      id rating { level comment ratedAt }
    }
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
  query Queue($department: Department, $status: ApplicationStatus, $search: String) {
    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {
      id bundleCode status submittedAt applicantName flag
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
  query SalesToMe {
    salesConfirmedToMe { ...SaleParts }
  }
`);
