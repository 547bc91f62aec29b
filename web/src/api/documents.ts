import { gql } from 'urql';

/** The operations the app sends, each named for what it is for (they show in the gateway's logs). */

const LOCALIZED = 'zh en';

export const BUNDLES = gql`
  query Bundles {
    bundles {
      code
      name { ${LOCALIZED} }
      description { ${LOCALIZED} }
      items { code department name { ${LOCALIZED} } option promisedLimitDays }
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
`;

export const BUNDLE_FORM = gql`
  query BundleForm($code: ID!, $options: [String!]) {
    bundle(code: $code) {
      code
      name { ${LOCALIZED} }
      description { ${LOCALIZED} }
      options { key label { ${LOCALIZED} } items }
      items { code name { ${LOCALIZED} } department }
      consentScopes(options: $options) { key department data { ${LOCALIZED} } purpose { ${LOCALIZED} } fields }
      form(options: $options) {
        items
        sections { key title { ${LOCALIZED} } fieldKeys }
        fields {
          key label { ${LOCALIZED} } type required requiredFor usedBy editable
          hint { ${LOCALIZED} } minLength maxLength patterns min max
          options { value label { ${LOCALIZED} } }
          section
        }
        materials {
          id name { ${LOCALIZED} } required original copies usedBy formats submit source producedBy heldBy
        }
        flows { from key to }
      }
    }
  }
`;

export const GRANT_CONSENT = gql`
  mutation GrantConsent($bundleCode: ID!, $scopes: [String!]!) {
    grantConsent(bundleCode: $bundleCode, scopes: $scopes) { id scopes grantedAt }
  }
`;

export const PREFILL = gql`
  mutation Prefill($bundleCode: ID!, $options: [String!]!, $saleConfirmationId: ID) {
    prefillForm(bundleCode: $bundleCode, options: $options, saleConfirmationId: $saleConfirmationId) {
      id
      values { key value department updatedAt editable }
      unavailable { department code message fields }
    }
  }
`;

const PROBLEM = `field code message { ${LOCALIZED} } items`;

export const SUBMIT = gql`
  mutation SubmitApplication($input: ApplicationInput!) {
    submitApplication(input: $input) {
      application { id status }
      problems { ${PROBLEM} }
      notChecked { rule department reason }
    }
  }
`;

const PART = `
  id itemCode name { ${LOCALIZED} } department after status caseNumber acceptedAt statusAt
  reason correctionFields result { key value } promisedLimitDays deadline
  supervision { flag workingDaysLeft deadline } attempts
  lastError { code message { ${LOCALIZED} } detail } deadLetteredAt
`;

export const APPLICATION = gql`
  query Application($id: ID!) {
    application(id: $id) {
      id bundleCode status submittedAt completedAt applicantName flag
      bundle {
        code
        name { ${LOCALIZED} }
        form { fields { key label { ${LOCALIZED} } type required requiredFor usedBy editable hint { ${LOCALIZED} } minLength maxLength patterns min max options { value label { ${LOCALIZED} } } section } }
      }
      parts { ${PART} }
      values { key value }
      materials { id upload { id name contentType size } }
      rating { level comment ratedAt }
    }
  }
`;

export const MY_APPLICATIONS = gql`
  query MyApplications {
    myApplications(limit: 50) {
      id bundleCode status submittedAt completedAt flag
      bundle { code name { ${LOCALIZED} } }
      parts { id itemCode department status }
    }
  }
`;

export const CORRECT = gql`
  mutation CorrectApplication($applicationId: ID!, $partId: ID!, $values: [FormValueInput!]!) {
    correctApplication(applicationId: $applicationId, partId: $partId, values: $values) {
      application { id status }
      problems { ${PROBLEM} }
    }
  }
`;

export const RATE = gql`
  mutation RateApplication($applicationId: ID!, $level: Int!, $comment: String) {
    rateApplication(applicationId: $applicationId, level: $level, comment: $comment) {
      id rating { level comment ratedAt }
    }
  }
`;

/** One page of the applicant's audit trail (数据调用留痕), newest first, with reads counted per reader. */
export const READS_OF_MY_DATA = gql`
  query ReadsOfMyData($first: Int!, $after: String, $filter: AuditFilter) {
    readsOfMyData(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id at department fields fieldLabels { ${LOCALIZED} } bundleCode applicationId
          why { kind about text { ${LOCALIZED} } }
          reader { id kind name { ${LOCALIZED} } }
        }
      }
      readers { reader { id kind name { ${LOCALIZED} } } count lastReadAt }
    }
  }
`;

export const QUEUE = gql`
  query Queue($department: Department, $status: ApplicationStatus, $search: String) {
    applicationQueue(department: $department, status: $status, search: $search, limit: 100) {
      id bundleCode status submittedAt applicantName flag
      bundle { code name { ${LOCALIZED} } }
      parts { id itemCode name { ${LOCALIZED} } department status caseNumber deadline supervision { flag workingDaysLeft } }
    }
    deadLetteredParts(department: $department) {
      id itemCode name { ${LOCALIZED} } department attempts
      lastError { code message { ${LOCALIZED} } detail } deadLetteredAt
      application { id applicantName bundle { name { ${LOCALIZED} } } }
    }
  }
`;

export const RETRY = gql`
  mutation RetryPart($partId: ID!) {
    retryPart(partId: $partId) { id status attempts }
  }
`;

const SALE = 'id unitCode address sellerName buyerIdNumber price confirmedAt expiresAt revokedAt live';

/** The seller's side of a house transfer: their units, and the sales they confirmed. */
export const MY_SALES = gql`
  query MySales {
    me { idNumber properties { unitCode address } }
    mySaleConfirmations { ${SALE} }
  }
`;

export const CONFIRM_SALE = gql`
  mutation ConfirmSale($unitCode: UnitCode!, $buyerIdNumber: IdNumber!, $price: Money) {
    confirmSale(unitCode: $unitCode, buyerIdNumber: $buyerIdNumber, price: $price) { ${SALE} }
  }
`;

export const REVOKE_SALE = gql`
  mutation RevokeSale($id: ID!) {
    revokeSaleConfirmation(saleConfirmationId: $id) { ${SALE} }
  }
`;

/** The buyer's side: the sales sellers confirmed to them, to pick one for the house transfer. */
export const SALES_TO_ME = gql`
  query SalesToMe {
    salesConfirmedToMe { ${SALE} }
  }
`;
