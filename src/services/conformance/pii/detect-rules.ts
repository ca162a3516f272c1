import type { PiiCategory } from './categories.js';

/**
 * The detector's tables. Name patterns match the column name's tokens joined by `_` (see name-tokens.ts) and are
 * anchored at the END of the name, so what a name ends with decides what it holds: `email` and `customer_email` are
 * email addresses, `email_domain`, `email_count`, `email_id` and `is_email_verified` are not. That anchoring is what
 * keeps surrogate and foreign keys (`customer_id`, `user_key`, `address_sk`) out: they end with a key word.
 */

/** Broad shape of a warehouse type; `unknown` when the column has no (recognised) type. */
export type TypeClass = 'boolean' | 'numeric' | 'temporal' | 'inet' | 'structured' | 'text' | 'unknown';

export interface NameRule {
  category: PiiCategory;
  /** Matched against `joined` (tokens with `_`), e.g. /(^|_)email$/. */
  joined?: RegExp;
  /** Matched against `compact` for single-token names that run words together (`customername`, Sage Intacct). */
  compact?: RegExp;
  /** Types that cannot hold this category (an `email` BOOLEAN is a flag). */
  excludeTypes: TypeClass[];
  /** What has to hold besides the name (see detect-column.ts). */
  needs?: 'personTable' | 'postalContext' | 'paymentTable' | 'notBusiness' | 'personalPhone';
  /** Short name of the rule, used in the finding's reason. */
  label: string;
}

const NOT_TEXT: TypeClass[] = ['boolean', 'numeric', 'temporal'];

export const NAME_RULES: NameRule[] = [
  {
    category: 'email',
    label: 'email address',
    joined: /(^|_)(e_?mail|email_address|email_addr|mail_address|emailaddress)$/,
    compact: /^[a-z]*(email|emailaddress)$/,
    excludeTypes: NOT_TEXT,
  },
  {
    category: 'phone',
    label: 'phone number',
    joined:
      /(^|_)(phone|phone_number|phone_no|phone_num|phonenumber|telephone|telephone_number|telephone_no|mobile_number|mobile_phone|mobile_no|cellphone|cellphone_number|cell_phone|cell_phone_number|fax|fax_number|msisdn)$/,
    compact: /^[a-z]*(phonenumber|cellphonenumber|telephonenumber|mobilenumber)$/,
    excludeTypes: ['boolean', 'temporal'],
    needs: 'personalPhone',
  },
  {
    category: 'name',
    label: 'person name',
    joined:
      /(^|_)(first_name|firstname|fname|last_name|lastname|lname|surname|forename|given_name|givenname|family_name|familyname|middle_name|middlename|maiden_name|full_name|fullname|person_name|legal_name|preferred_name)$/,
    excludeTypes: NOT_TEXT,
  },
  {
    category: 'name',
    label: 'name of a person role',
    joined:
      /(^|_)(customer|contact|owner|employee|patient|driver|member|student|person|author|recipient|cardholder|card_holder|passenger|client|sales_rep|rep|agent|manager|buyer|renter|practitioner|doctor|physician|nurse|guest|subscriber|applicant|candidate|beneficiary|account_holder|clerk|assignee|reporter|teacher|parent|spouse|player|employer_contact|emergency_contact)_?name$/,
    compact: /^[a-z]*(customer|contact|owner|employee|patient|driver|member|person|client)name$/,
    excludeTypes: NOT_TEXT,
  },
  {
    category: 'name',
    label: 'name in a table of people',
    joined: /^([a-z]_)?(name|display_name)$/,
    excludeTypes: NOT_TEXT,
    needs: 'personTable',
  },
  {
    category: 'address',
    label: 'postal address',
    joined:
      /(^|_)(street|street_address|street_name|street_line_?\d|address_line_?\d?|addr_line_?\d?|address_?[123]|home_address|mailing_address|postal_address|billing_address|shipping_address|residential_address|delivery_address|zip|zip_code|zipcode|postal_code|postcode|post_code|house_number)$/,
    compact: /^[a-z]*(streetaddress|billingaddress|shippingaddress|mailingaddress|homeaddress|zipcode|postalcode)$/,
    excludeTypes: ['boolean', 'temporal'],
    needs: 'notBusiness',
  },
  {
    category: 'address',
    label: 'address of a person',
    joined: /(^|_)(address|addr|addresses)$/,
    excludeTypes: NOT_TEXT,
    needs: 'postalContext',
  },
  {
    category: 'birth_date',
    label: 'date of birth',
    joined:
      /(^|_)(birth_date|birthdate|date_of_birth|dob|birth_day|birthday|birth_year|year_of_birth|birth_dt|birth_month|born_on|born_at)$/,
    excludeTypes: ['boolean'],
  },
  {
    category: 'national_id',
    label: 'national identifier',
    joined:
      /(^|_)(ssn|social_security|social_security_number|social_security_no|socialsecuritynumber|national_id|national_id_number|national_identifier|national_insurance|national_insurance_number|nino|passport|passport_number|passport_no|passport_num|passport_id|tax_id|taxpayer_id|tax_identification_number|driver_license|driver_license_number|driver_license_no|drivers_license|drivers_license_number|driving_licence|driving_licence_number|driving_license|dl_number|npi|nhs_number|id_card_number|identity_card|identity_card_number|government_id|aadhaar|personnummer)$/,
    excludeTypes: ['boolean', 'temporal'],
    needs: 'notBusiness',
  },
  {
    category: 'ip',
    label: 'IP address',
    joined: /(^|_)(ip|ip_address|ip_addr|ipaddress|ipv4|ipv6|ip_v4|ip_v6|remote_addr|client_addr)$/,
    excludeTypes: ['boolean', 'temporal'],
  },
  {
    category: 'payment',
    label: 'payment card or bank account',
    joined:
      /(^|_)(card_number|credit_card_number|creditcard_number|cc_number|credit_card|creditcard|debit_card_number|card_pan|cvv|cvv2|cvc|card_cvv|card_cvc|card_expiry|card_expiration|card_expiration_date|card_exp_date|iban|bank_account|bank_account_number|bank_account_no|routing_number|sort_code)$/,
    excludeTypes: ['boolean', 'temporal'],
  },
  {
    category: 'payment',
    label: 'card expiry in a payment table',
    joined: /(^|_)(expiry|expiry_date|expiration|expiration_date|exp_date|exp_month|exp_year|expiry_month|expiry_year)$/,
    excludeTypes: ['boolean'],
    needs: 'paymentTable',
  },
  {
    category: 'health',
    label: 'health data',
    joined:
      /(^|_)(diagnosis|diagnoses|diagnosis_code|diagnosis_codes|icd|icd9|icd10|icd_9|icd_10|icd_code|icd9_code|icd10_code|mrn|medical_record_number|medical_record_no|medication|medications|prescription|prescriptions|allergy|allergies|blood_type|blood_group|disability|disabilities|symptom|symptoms|medical_condition|health_condition|medical_history|clinical_notes|hiv_status|pregnancy_status|vaccination_status|lab_result|lab_results|bmi|blood_pressure|heart_rate|cause_of_death|snomed_code|loinc_code|cpt_code|procedure_code|ndc_code)$/,
    excludeTypes: ['boolean'],
  },
  {
    category: 'genetic',
    label: 'genetic data',
    joined:
      /(^|_)(genotype|genotypes|genotype_call|zygosity|haplotype|haplotypes|allele_dosage|genotype_dosage|dna_sequence|genome_sequence|germline_variant|germline_variants|genetic_test_result|polygenic_risk_score)$/,
    excludeTypes: ['boolean'],
  },
];

/** Column rules that only hold in a clinical or per-sample table (see detect-column.ts). */
export const CLINICAL_VALUE = /(^|_)(code|codes|display|value|clinical_status|verification_status|criticality|onset|abatement|severity|result|reason_code|reason_display|interpretation|dosage|dose)$/;
export const GENETIC_VALUE = /(^|_)(allele|alleles|ref_allele|alt_allele|hgvs|hgvs_c|hgvs_p|hgvs_g|rsid|rs_id|dbsnp_id|variant|variant_id|snp|snp_id|mutation|mutations)$/;

/** Description phrases that name a category outright (checked when no name rule matched). */
export const DESCRIPTION_RULES: Array<{ category: PiiCategory; pattern: RegExp }> = [
  { category: 'email', pattern: /\be-?mail address(es)?\b/i },
  { category: 'phone', pattern: /\b(phone|telephone|mobile|cell(ular)?|fax) (number|no\.?)\b/i },
  { category: 'name', pattern: /\b(first|last|given|family|full|middle|maiden) name\b|\bsurname\b|\bcontact person\b/i },
  { category: 'address', pattern: /\b(home|postal|mailing|street|residential|billing|shipping) address\b|\bzip code\b|\bpostcode\b/i },
  { category: 'birth_date', pattern: /\b(date of birth|birth ?date|birthday|year of birth)\b/i },
  {
    category: 'national_id',
    pattern: /\b(social security number|passport number|national (id|identification|insurance) number|tax identification number|driver'?s licen[cs]e number)\b/i,
  },
  { category: 'ip', pattern: /\bip address(es)?\b/i },
  { category: 'payment', pattern: /\b((credit|debit|payment) card number|card number|iban|bank account number|routing number)\b/i },
  { category: 'health', pattern: /\b(diagnos[ie]s|medical record|icd-?(9|10)|medical condition|health condition)\b/i },
  { category: 'genetic', pattern: /\b(genotype|zygosity|germline variant)\b/i },
];

/** Descriptions that flag the column as personal data without naming what kind (category `other`). */
export const DESCRIPTION_PII = /\b(pii|personally identifiable|personal data|personal information|phi|protected health information)\b/i;
export const DESCRIPTION_NOT_PII = /\b(no|not|non|without|free of|never)\b[^.]{0,25}\b(pii|personal data|personally identifiable)\b|\bnon-pii\b/i;
export const DESCRIPTION_PSEUDONYMOUS = /\b(desensiti[sz]ed|hashed|pseudonymi[sz]ed|anonymi[sz]ed|masked|encrypted|tokeni[sz]ed|obfuscated|redacted)\b/i;

/** A leading word that makes the column a count, flag or measure about the category (`n_emails`, `has_phone`). */
export const MEASURE_PREFIX = new Set([
  'is', 'has', 'n', 'num', 'count', 'cnt', 'total', 'avg', 'sum', 'pct', 'percent', 'ratio', 'rate', 'number', 'unique',
  'distinct', 'valid', 'missing', 'null', 'len', 'length',
]);
/** Trailing words that mark a pseudonymised value: `email_hash`, `ssn_sha256`, `hashed_email`. */
export const PSEUDONYM_WORDS = new Set([
  'hash', 'hashed', 'md5', 'sha', 'sha1', 'sha2', 'sha256', 'sha512', 'digest', 'fingerprint', 'encrypted', 'enc',
  'masked', 'tokenized', 'tokenised', 'pseudonym', 'pseudonymised', 'pseudonymized', 'anonymized', 'anonymised',
  'obfuscated', 'salted',
]);

/** Words in a column name that say the subject is not a person (`hero_first_name`, `token_name`, `pool_address`). */
export const NON_PERSON_WORDS = new Set([
  'hero', 'pet', 'token', 'tokens', 'asset', 'nft', 'product', 'item', 'file', 'table', 'column', 'schema', 'database',
  'model', 'project', 'campaign', 'ad', 'adgroup', 'event', 'feature', 'task', 'job', 'workflow', 'company', 'org',
  'organization', 'organisation', 'vendor', 'supplier', 'advertiser', 'brand', 'store', 'shop', 'warehouse', 'location',
  'city', 'country', 'state', 'region', 'nation', 'department', 'team', 'app', 'application', 'package', 'source', 'test',
  'metric', 'stage', 'month', 'day', 'week', 'tier', 'class', 'race', 'circuit', 'constructor', 'pool', 'platform',
  'collection', 'contract', 'blockchain', 'chain', 'relation', 'resource', 'target', 'exposure', 'folder', 'template',
  'network', 'device', 'browser', 'game', 'entity', 'business', 'bank', 'account', 'restaurant', 'merchant', 'wallet',
  'validator', 'bridge', 'bridger', 'proposer', 'miner', 'lp', 'evm', 'eth', 'native', 'pubkey', 'script', 'web', 'url',
  'mac', 'server', 'host', 'node', 'cluster', 'label', 'symbol', 'currency', 'coin', 'protocol', 'dapp', 'swap',
]);

/** Blockchain vocabulary in a description: such an `address` is a wallet or contract, not a postal address. */
export const CHAIN_DESCRIPTION = /\b(wallet|contract|token|blockchain|validator|evm|bitcoin|ethereum|hex|0x|on-?chain|crypto|pool|ledger|algo|harmony|solana|miner|tx)\b/i;
export const POSTAL_DESCRIPTION = /\b(street|postal|mailing|home|residential|physical|billing|shipping)\b|\baddress of the (customer|patient|person|user|member|employee)\b|\bcity\b|\bzip\b/i;

/** Tables of people: a bare `name` there is a person's name. Compared with the table name's singular tokens. */
export const PERSON_TABLES = new Set([
  'customer', 'user', 'person', 'patient', 'employee', 'member', 'contact', 'driver', 'student', 'author', 'practitioner',
  'client', 'staff', 'subscriber', 'guest', 'player', 'lead', 'applicant', 'candidate', 'passenger', 'beneficiary',
  'cardholder', 'individual', 'participant', 'donor', 'physician', 'doctor', 'nurse', 'teacher', 'worker', 'citizen',
]);
/** Table-name words that add nothing (`dim_`, `stg_`, `_v2`, `_history`) when finding the entity a table holds. */
export const GENERIC_TABLE_WORDS = new Set([
  'dim', 'fct', 'fact', 'stg', 'stage', 'staging', 'int', 'base', 'raw', 'src', 'source', 'tmp', 'temp', 'snapshot',
  'history', 'hist', 'scd', 'current', 'latest', 'detail', 'details', 'info', 'profile', 'list', 'table', 'data',
  'master', 'core', 'mart', 'common', 'tpch', 'v1', 'v2', 'v3', 'v4', 'view', 'vw', 'all', 'clean', 'cleaned', 'final',
  'dedup', 'deduped', 'unioned', 'enriched', 'seed', 'bronze', 'silver', 'gold', 'ez', 'pii', 'sensitive', 'sfdc',
  'stripe', 'reltio', 'hubspot', 'salesforce', 'shopify', 'zendesk', 'crm', 'app', 'db', 'tbl',
]);
/** Organisations, not people: their names, addresses, phones and tax ids are not personal data. */
export const BUSINESS_WORDS = new Set([
  'supplier', 'vendor', 'advertiser', 'company', 'organization', 'organisation', 'org', 'merchant', 'store', 'warehouse',
  'bank', 'branch', 'office', 'site', 'plant', 'restaurant', 'shop', 'partner', 'manufacturer', 'carrier', 'brand',
  'location', 'agency', 'institution', 'facility', 'account',
]);
export const CLINICAL_TABLES = new Set([
  'condition', 'diagnosis', 'diagnose', 'observation', 'allergy', 'allergyintolerance', 'procedure', 'medication',
  'medicationrequest', 'medicationstatement', 'medicationadministration', 'immunization', 'encounter', 'careplan',
  'diagnosticreport', 'lab', 'vital', 'vitals', 'prescription', 'symptom',
]);
export const PAYMENT_TABLES = new Set(['payment', 'card', 'credit', 'paymentmethod', 'wallet', 'billing']);
/** Sibling columns that tie a row to one person (clinical and genetic rules need one). */
export const INDIVIDUAL_LINK = /^(patient|patient_id|patient_key|patient_sk|subject|subject_id|person_id|participant_id|individual_id|donor_id|sample_id|biosample_id)$/;
export const POSTAL_SIBLINGS = new Set(['city', 'zip', 'zip_code', 'zipcode', 'postal_code', 'postcode', 'street', 'address_line_1', 'address_line1']);
