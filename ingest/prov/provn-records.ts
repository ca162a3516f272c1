/**
 * PROV-N statements and where their positional arguments go in PROV-JSON. `id` arguments are qualified names,
 * `time` arguments xsd:dateTime values; every argument may be `-` (absent) and trailing ones may be left out.
 */
export type ArgKind = 'id' | 'time';

export interface StatementShape {
  /** PROV-JSON block the record goes to. */
  block: string;
  /** Elements: the first argument is the record's key, not an attribute. */
  element: boolean;
  /** PROV-JSON attribute keys of the positional arguments (after the element id). */
  args: Array<[key: string, kind: ArgKind]>;
}

const relation = (block: string, ...keys: Array<string | [string, ArgKind]>): StatementShape => ({
  block,
  element: false,
  args: keys.map((k) => (typeof k === 'string' ? [`prov:${k}`, 'id'] : [`prov:${k[0]}`, k[1]])),
});

const TIME = (key: string): [string, ArgKind] => [key, 'time'];

export const STATEMENTS: Record<string, StatementShape> = {
  entity: { block: 'entity', element: true, args: [] },
  agent: { block: 'agent', element: true, args: [] },
  activity: { block: 'activity', element: true, args: [['prov:startTime', 'time'], ['prov:endTime', 'time']] },
  used: relation('used', 'activity', 'entity', TIME('time')),
  wasGeneratedBy: relation('wasGeneratedBy', 'entity', 'activity', TIME('time')),
  wasInvalidatedBy: relation('wasInvalidatedBy', 'entity', 'activity', TIME('time')),
  wasStartedBy: relation('wasStartedBy', 'activity', 'trigger', 'starter', TIME('time')),
  wasEndedBy: relation('wasEndedBy', 'activity', 'trigger', 'ender', TIME('time')),
  wasInformedBy: relation('wasInformedBy', 'informed', 'informant'),
  wasDerivedFrom: relation('wasDerivedFrom', 'generatedEntity', 'usedEntity', 'activity', 'generation', 'usage'),
  wasAttributedTo: relation('wasAttributedTo', 'entity', 'agent'),
  wasAssociatedWith: relation('wasAssociatedWith', 'activity', 'agent', 'plan'),
  actedOnBehalfOf: relation('actedOnBehalfOf', 'delegate', 'responsible', 'activity'),
  wasInfluencedBy: relation('wasInfluencedBy', 'influencee', 'influencer'),
  specializationOf: relation('specializationOf', 'specificEntity', 'generalEntity'),
  alternateOf: relation('alternateOf', 'alternate1', 'alternate2'),
  hadMember: relation('hadMember', 'collection', 'entity'),
  mentionOf: relation('mentionOf', 'specificEntity', 'generalEntity', 'bundle'),
};

/** xsd:dateTime as PROV-N writes times (the offset is optional, as cwltool leaves it out). */
export const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** INT_LITERAL, and decimals, which some writers emit unquoted too. */
export const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
