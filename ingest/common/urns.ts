/** urn builders shared by every run/provenance mapping, so the same thing always gets the same urn. */

export type AgentKind = 'user' | 'service' | 'software' | 'agent';

export function agentUrn(kind: AgentKind, id: string): string {
  return `urn:agent:${kind}:${id}`;
}

/** A software agent: `name@version` when the version is known and not already part of the name. */
export function softwareAgentId(name: string, version?: string): string {
  if (!version || name.includes(version)) return name;
  return `${name}@${version}`;
}

export function fileUrn(sha256OrPath: string): string {
  return `urn:file:${sha256OrPath}`;
}

export function workflowUrn(nameOrId: string): string {
  return `urn:workflow:${nameOrId}`;
}

/** Steps are named inside their job: `<job urn>#step:<name>`. */
export function stepUrn(jobUrn: string, stepName: string): string {
  return `${jobUrn}#step:${stepName}`;
}
