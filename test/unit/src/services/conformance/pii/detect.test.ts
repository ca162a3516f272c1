import { describe, expect, it } from 'vitest';
import { readDeclaration } from '../../../../../../src/services/conformance/pii/declared.js';
import { classifyColumn, detectColumn, typeClass } from '../../../../../../src/services/conformance/pii/detect-column.js';
import { openLineageFieldTags } from '../../../../../../src/services/conformance/pii/openlineage-tags.js';

const table = (name: string, columns: string[] = []) => ({ name, columns });
const cats = (name: string, opts: { type?: string; description?: string; table?: string; siblings?: string[] } = {}) =>
  detectColumn({ name, dataType: opts.type, description: opts.description }, table(opts.table ?? 'orders', opts.siblings ?? [name]))
    .map((f) => f.category)
    .sort();

describe('detectColumn: names', () => {
  it.each([
    ['email', 'email'], ['customer_email', 'email'], ['EmailAddress', 'email'], ['owner_email', 'email'], ['e_mail', 'email'],
    ['phone_number', 'phone'], ['c_phone', 'phone'], ['cellphone_number', 'phone'], ['telephone', 'phone'],
    ['first_name', 'name'], ['LAST_NAME', 'name'], ['surname', 'name'], ['customer_name', 'name'], ['customername', 'name'],
    ['billtopaytocontactname', 'name'], ['driver_name', 'name'],
    ['street_address', 'address'], ['zip_code', 'address'], ['postal_code', 'address'], ['address_line_1', 'address'],
    ['date_of_birth', 'birth_date'], ['dob', 'birth_date'], ['birth_year', 'birth_date'], ['driver_date_of_birth', 'birth_date'],
    ['ssn', 'national_id'], ['passport_number', 'national_id'], ['national_id', 'national_id'], ['tax_id', 'national_id'], ['npi', 'national_id'],
    ['ip_address', 'ip'], ['client_ip', 'ip'],
    ['card_number', 'payment'], ['iban', 'payment'], ['cvv', 'payment'], ['bank_account_number', 'payment'],
    ['diagnosis_code', 'health'], ['icd10_code', 'health'], ['mrn', 'health'], ['blood_type', 'health'],
    ['genotype', 'genetic'], ['zygosity', 'genetic'],
  ])('%s → %s', (name, category) => {
    expect(cats(name)).toEqual([category]);
  });

  it.each([
    // surrogate and foreign keys are not PII: `customer_id` is not a name
    'customer_id', 'user_key', 'customer_sk', 'email_id', 'address_id', 'name_id', 'customerid', 'customer_id_pk',
    // counts, flags, measures and parts about a category
    'email_count', 'n_emails', 'has_email', 'is_email_verified', 'email_domain', 'phone_type', 'total_phone_calls',
    'first_name_length', 'credit_card_amount', 'birth',
    // other things with PII-ish words
    'token_name', 'campaign_name', 'hero_info_firstname', 'file_name', 'project_name', 'vendor_name', 'username',
    'block_hash', 'tx_hash', 'license_no', 'driver_code', 'account_no', 'health_score', 'variant',
  ])('%s → nothing', (name) => {
    expect(cats(name)).toEqual([]);
  });

  it('reads a bare name by the table it is in', () => {
    expect(cats('name', { table: 'stg_tpch_customers' })).toEqual(['name']);
    expect(cats('c_name', { table: 'customer' })).toEqual(['name']);
    expect(cats('name', { table: 'dim_patients' })).toEqual(['name']);
    expect(cats('name', { table: 'products' })).toEqual([]);
    expect(cats('name', { table: 'dim_organization' })).toEqual([]);
    expect(cats('name', { table: 'customer_segments' })).toEqual([]);
  });

  it('tells a postal address from a wallet address', () => {
    expect(cats('address', { table: 'stg_tpch_customers' })).toEqual(['address']);
    expect(cats('address', { table: 'shipments', siblings: ['address', 'city', 'zip'] })).toEqual(['address']);
    expect(cats('address', { table: 'contacts', description: 'Home address of the contact' })).toEqual(['address']);
    expect(cats('address', { table: 'dim_labels', description: 'Address that the label is for' })).toEqual([]);
    expect(cats('from_address', { table: 'transfers', description: 'The address sent the token.' })).toEqual([]);
    expect(cats('address', { table: 'users', description: 'The wallet address of the user' })).toEqual([]);
    expect(cats('pool_address', { table: 'swaps' })).toEqual([]);
    expect(cats('supplier_address', { table: 'part_suppliers' })).toEqual([]);
    expect(cats('address', { table: 'advertiser', siblings: ['address', 'city'] })).toEqual([]);
  });

  it('keeps an organisation’s switchboard out but not its contact person', () => {
    expect(cats('telephone', { table: 'advertiser', description: 'Fixed phone number' })).toEqual([]);
    expect(cats('cellphone_number', { table: 'advertiser', description: 'Contact mobile number' })).toEqual(['phone']);
    expect(cats('contacter', { table: 'advertiser', description: 'Contact Person' })).toEqual(['name']);
    expect(cats('phone_number', { table: 'part_suppliers', description: 'phone number of the supplier' })).toEqual([]);
  });

  it('uses types: a flag or a number is not an email; inet is an IP', () => {
    expect(cats('email', { type: 'boolean' })).toEqual([]);
    expect(cats('email', { type: 'bigint' })).toEqual([]);
    expect(cats('first_name', { type: 'NUMBER(38,0)' })).toEqual([]);
    expect(cats('phone', { type: 'bigint' })).toEqual(['phone']);
    expect(cats('client', { type: 'inet' })).toEqual(['ip']);
    expect(cats('birth_year', { type: 'numeric' })).toEqual(['birth_date']);
  });

  it('reads descriptions that name a category, not counts or negations', () => {
    expect(cats('contact', { description: "The customer's e-mail address" })).toEqual(['email']);
    expect(cats('notes', { description: 'Free text; may contain PII' })).toEqual(['other']);
    expect(cats('notes', { description: 'Contains no PII.' })).toEqual([]);
    expect(cats('customer_id', { description: 'Hashed email address of the customer' })).toEqual([]);
    expect(cats('hero_info_lastname', { description: "the hero's last name." })).toEqual([]);
  });

  it('uses clinical and per-sample context for health and genetic data', () => {
    const condition = ['id', 'patient_id', 'code_code', 'code_display', 'onset', 'recorded'];
    expect(cats('code_display', { table: 'fact_condition', siblings: condition })).toEqual(['health']);
    expect(cats('onset', { table: 'fact_condition', siblings: condition })).toEqual(['health']);
    expect(cats('recorded', { table: 'fact_condition', siblings: condition })).toEqual([]);
    expect(cats('code_display', { table: 'fact_condition', siblings: ['id', 'code_display'] })).toEqual([]);
    expect(cats('code', { table: 'orders', siblings: ['patient_id', 'code'] })).toEqual([]);
    expect(cats('alt_allele', { table: 'sample_variants', siblings: ['sample_id', 'alt_allele'] })).toEqual(['genetic']);
    expect(cats('alt_allele', { table: 'clinvar_variants', siblings: ['variation_id', 'alt_allele'] })).toEqual([]);
    expect(cats('variant', { table: 'products', siblings: ['customer_id', 'variant'] })).toEqual([]);
  });

  it('marks pseudonyms: `*_hash` of PII is pseudonymous, a hash of something else is nothing', () => {
    const [email] = detectColumn({ name: 'email_hash' }, table('users'));
    expect(email).toMatchObject({ category: 'email', pseudonymous: true });
    expect(detectColumn({ name: 'hashed_ssn', dataType: 'varchar' }, table('t'))[0]).toMatchObject({ category: 'national_id', pseudonymous: true });
    expect(detectColumn({ name: 'phone_sha256', dataType: 'binary' }, table('t'))[0]).toMatchObject({ category: 'phone', pseudonymous: true });
    expect(detectColumn({ name: 'email', description: 'Advertiser contact email, desensitised data' }, table('t'))[0]).toMatchObject({ pseudonymous: true });
    expect(detectColumn({ name: 'first_name' }, table('t'))[0]).toMatchObject({ pseudonymous: false });
    expect(cats('block_hash')).toEqual([]);
  });
});

describe('declarations (DECLARED)', () => {
  it.each<[Record<string, unknown> | null, string[], boolean, string[]]>([
    [{ pii: true }, [], true, []],
    [{ pii: true, pii_type: 'name' }, [], true, ['name']],
    [{ pii: 'email' }, [], true, ['email']],
    [{ pii: ['email', 'phone'] }, [], true, ['email', 'phone']],
    [{ contains_pii: 'yes' }, [], true, []],
    [{ sensitive: true }, [], true, []],
    [{ classification: 'PII' }, [], true, []],
    [{ data_classification: 'phi' }, [], true, ['health']],
    [{ pii_category: 'Date of Birth' }, [], true, ['birth_date']],
    [{ masking_policy: 'mask_email' }, [], true, ['email']],
    [{ governance: { pii: true, pii_type: 'ssn' } }, [], true, ['national_id']],
    [null, ['pii'], true, []],
    [null, ['PII:email'], true, ['email']],
    [null, ['pii-dob'], true, ['birth_date']],
    [null, ['phi'], true, ['health']],
    [null, ['sensitive'], true, []],
    [{ pii: false }, [], false, []],
    [{ contains_pii: 'no' }, [], false, []],
    [null, ['non_pii'], false, []],
    [{ pii: false }, ['pii:name'], true, ['name']],
  ])('meta %j tags %j → pii %s %j', (meta, tags, pii, categories) => {
    const d = readDeclaration(meta, tags);
    expect(d?.pii).toBe(pii);
    expect(d?.categories).toEqual(categories);
  });

  it('ignores meta and tags that say nothing about personal data', () => {
    expect(readDeclaration({ dimension: { type: 'string' }, maturity: 'gold', owner: 'x' }, ['finance', 'core'])).toBeNull();
    expect(readDeclaration(null, [])).toBeNull();
  });

  it('classifyColumn: declared categories win, else the detector names one, else other; pii:false silences detection', () => {
    const t = table('customers', ['first_name', 'notes', 'email']);
    expect(classifyColumn({ name: 'first_name', meta: { pii: true } }, t).findings).toEqual([
      expect.objectContaining({ category: 'name', origin: 'DECLARED' }),
    ]);
    expect(classifyColumn({ name: 'notes', tags: ['pii'] }, t).findings).toEqual([expect.objectContaining({ category: 'other', origin: 'DECLARED' })]);
    expect(classifyColumn({ name: 'email', meta: { pii_type: 'email' } }, t).findings).toEqual([
      expect.objectContaining({ category: 'email', origin: 'DECLARED', reason: 'meta.pii_type = "email"' }),
    ]);
    expect(classifyColumn({ name: 'email', meta: { pii: false } }, t)).toEqual({ findings: [], declaredNotPii: true });
    expect(classifyColumn({ name: 'email' }, t).findings).toEqual([expect.objectContaining({ category: 'email', origin: 'DETECTED' })]);
  });
});

describe('typeClass', () => {
  it.each([
    ['VARCHAR(25)', 'text'], ['NUMBER(38,0)', 'numeric'], ['double precision', 'numeric'], ['timestamp with time zone', 'temporal'],
    ['BOOL', 'boolean'], ['inet', 'inet'], ['jsonb', 'structured'], [null, 'unknown'], ['None', 'unknown'], ['STRING', 'text'],
  ])('%s → %s', (t, c) => expect(typeClass(t)).toBe(c));
});

describe('OpenLineage field tags', () => {
  it('turns TagsDatasetFacet entries with a field into column tags', () => {
    const facets = JSON.stringify({
      tags: {
        tags: [
          { key: 'pii', value: 'true', field: 'EMAIL' },
          { key: 'pii', value: 'phone', field: 'mobile' },
          { key: 'owner', value: 'data-team', source: 'DBT_META' },
          { key: 'classification', value: 'PII', field: 'notes' },
        ],
      },
    });
    const tags = openLineageFieldTags(facets);
    expect(Object.fromEntries(tags)).toEqual({ email: ['pii'], mobile: ['pii:phone'], notes: ['classification:PII'] });
    expect(readDeclaration(null, tags.get('mobile')!)?.categories).toEqual(['phone']);
    expect(openLineageFieldTags('not json').size).toBe(0);
    expect(openLineageFieldTags(null).size).toBe(0);
  });
});
