// The plan of a finding in a project file names the manifest to edit and the ecosystem's command.
import type { SbomDocument } from '../model/document.js';
import type { Finding } from '../model/result.js';

/** Files that declare what to install rather than lock what was resolved. */
const DECLARING: ReadonlySet<string> = new Set(['npm-manifest', 'pip-requirements', 'pyproject', 'go-mod', 'maven-pom', 'gradle-catalog', 'gradle-build', 'nuget-project', 'nuget-packages-config', 'dockerfile', 'container-manifest']);

/** Put the manifest and command first among each finding's steps (the ecosystem advice that follows stays general). */
export function withProjectSteps(doc: SbomDocument, findings: Finding[]): Finding[] {
  const project = doc.project;
  if (!project || findings.length === 0) return findings;
  return findings.map((f) => {
    if (f.component.kind === 'service') return f;
    const name = f.component.name;
    const at = f.line !== undefined ? `${f.source}:${f.line}` : f.source;
    const verb = DECLARING.has(doc.format) ? 'declared' : 'locked';
    const command = project.command?.replace(/NAME/g, name);
    const step = f.remediation.action === 'review'
      ? `${name} is ${verb} at ${at}; if it must go, its manifest is ${project.manifest}${command ? ` (${command})` : ''}.`
      : f.direct === false && f.introducedByComponents.length > 0
        ? `${name} is ${verb} at ${at}; it comes in through ${f.introducedByComponents.map((c) => c.name).join(', ')}, declared in ${project.manifest}: change or remove that dependency there, then re-lock.`
        : `Remove ${name} from ${project.manifest}${command ? ` (${command})` : ''}; it is ${verb} at ${at}.`;
    return { ...f, remediation: { ...f.remediation, steps: [step, ...f.remediation.steps] } };
  });
}
