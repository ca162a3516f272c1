/**
 * PII categories. Stored lower-case on PiiFinding.category; GraphQL's PiiCategory enum maps them to upper case.
 * `other` is only given to a column declared PII whose kind nothing names (e.g. `meta: {pii: true}` on `notes`).
 */
export const PII_CATEGORIES = [
  'email',
  'phone',
  'name',
  'address',
  'birth_date',
  'national_id',
  'ip',
  'payment',
  'health',
  'genetic',
  'other',
] as const;

export type PiiCategory = (typeof PII_CATEGORIES)[number];

export const PII_ORIGINS = ['DECLARED', 'DETECTED', 'PROPAGATED'] as const;
export type PiiOrigin = (typeof PII_ORIGINS)[number];

/** Words projects use for a category in `meta` values and tags (`pii_type: e-mail`, tag `pii:dob`). */
const ALIASES: Record<string, PiiCategory> = {
  email: 'email', e_mail: 'email', mail: 'email', email_address: 'email', emailaddress: 'email',
  phone: 'phone', phone_number: 'phone', telephone: 'phone', mobile: 'phone', cellphone: 'phone', fax: 'phone', msisdn: 'phone',
  name: 'name', person_name: 'name', full_name: 'name', first_name: 'name', last_name: 'name', surname: 'name', person: 'name',
  address: 'address', postal_address: 'address', street_address: 'address', home_address: 'address', postal: 'address',
  location: 'address', postcode: 'address', zip: 'address', zip_code: 'address', postal_code: 'address',
  birth_date: 'birth_date', birthdate: 'birth_date', date_of_birth: 'birth_date', dob: 'birth_date', birthday: 'birth_date',
  national_id: 'national_id', ssn: 'national_id', social_security_number: 'national_id', passport: 'national_id',
  passport_number: 'national_id', tax_id: 'national_id', government_id: 'national_id', id_number: 'national_id',
  nino: 'national_id', driver_license: 'national_id', drivers_license: 'national_id', identity: 'national_id',
  ip: 'ip', ip_address: 'ip', ipaddress: 'ip',
  payment: 'payment', credit_card: 'payment', card: 'payment', card_number: 'payment', iban: 'payment',
  bank_account: 'payment', financial: 'payment', pci: 'payment',
  health: 'health', medical: 'health', phi: 'health', clinical: 'health', diagnosis: 'health',
  genetic: 'genetic', genomic: 'genetic', genotype: 'genetic', dna: 'genetic',
  other: 'other',
};

/** A declared category word, normalised (`E-Mail` → email); undefined when it names no category. */
export function categoryOf(word: string): PiiCategory | undefined {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return ALIASES[key];
}

export function isPiiCategory(value: unknown): value is PiiCategory {
  return typeof value === 'string' && (PII_CATEGORIES as readonly string[]).includes(value);
}
