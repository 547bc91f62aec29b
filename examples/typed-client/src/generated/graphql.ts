/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A department of the federation: each keeps its own system, reached through its subgraph. */
export const Department = {
  /** Tax (税务). */
  Tax: 'TAX',
  /** Market regulation (市场监管). */
  Market: 'MARKET',
  /** Real-estate registration (不动产登记). */
  Realestate: 'REALESTATE',
  /** Housing provident fund (住房公积金). */
  Fund: 'FUND'
} as const;

export type Department = typeof Department[keyof typeof Department];
/** How a form field is written and checked. */
export const FieldType = {
  /** Free text. */
  Text: 'TEXT',
  /** A resident identity number (GB 11643). */
  IdNumber: 'ID_NUMBER',
  /** A unified social credit code (GB 32100). */
  Uscc: 'USCC',
  /** A real-estate unit code (GB/T 37346). */
  UnitCode: 'UNIT_CODE',
  /** An amount in yuan, as the Money scalar writes it. */
  Money: 'MONEY',
  /** A date, yyyy-MM-dd. */
  Date: 'DATE',
  /** A mobile phone number. */
  Phone: 'PHONE',
  /** A whole number. */
  Integer: 'INTEGER',
  /** A decimal number. */
  Decimal: 'DECIMAL',
  /** One of the field's options. */
  Enum: 'ENUM',
  /** Yes or no: true or false. */
  Boolean: 'BOOLEAN',
  /** A bank account or card number. */
  BankAccount: 'BANK_ACCOUNT',
  /** A provident fund account number. */
  FundAccount: 'FUND_ACCOUNT'
} as const;

export type FieldType = typeof FieldType[keyof typeof FieldType];
export type ExampleBundlesQueryVariables = Exact<{ [key: string]: never; }>;


export type ExampleBundlesQuery = { bundles: Array<{ code: string, name: { zh: string, en: string }, items: Array<{ code: string, department: Department }> }> };

export type ExampleBundleFormQueryVariables = Exact<{
  code: string | number;
  options?: Array<string> | string | null | undefined;
}>;


export type ExampleBundleFormQuery = { bundle: { code: string, name: { zh: string, en: string }, form: { fields: Array<{ key: string, type: FieldType, required: boolean, label: { zh: string, en: string } }> } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ExampleBundlesDocument = new TypedDocumentString(`
    query ExampleBundles {
  bundles {
    code
    name {
      zh
      en
    }
    items {
      code
      department
    }
  }
}
    `) as unknown as TypedDocumentString<ExampleBundlesQuery, ExampleBundlesQueryVariables>;
export const ExampleBundleFormDocument = new TypedDocumentString(`
    query ExampleBundleForm($code: ID!, $options: [String!]) {
  bundle(code: $code) {
    code
    name {
      zh
      en
    }
    form(options: $options) {
      fields {
        key
        label {
          zh
          en
        }
        type
        required
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExampleBundleFormQuery, ExampleBundleFormQueryVariables>;