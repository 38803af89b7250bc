// What removing a dependency means in each ecosystem: which manifest, which command. Keyed by purl type,
// or, for software found in a host inventory (no purl), by platform and kind (src/plan/hosts.ts).
import { HOST_ADVICE } from './hosts.js';

export interface EcosystemAdvice {
  /** Human name of the ecosystem. */
  readonly label: string;
  /** Steps when the root depends on the component itself. */
  readonly direct: (name: string) => string[];
  /** Steps when it comes in through other dependencies (`via` names them). */
  readonly transitive: (name: string, via: string) => string[];
}

const generic: EcosystemAdvice = {
  label: 'unknown ecosystem',
  direct: (n) => [`Find where ${n} enters the build (vendored files, installer, base image) and remove it there.`],
  transitive: (n, via) => [`${n} is bundled by ${via}: remove ${via} or obtain a build of it without ${n}.`],
};

export const ECOSYSTEMS: Readonly<Record<string, EcosystemAdvice>> = {
  npm: {
    label: 'npm',
    direct: (n) => [`Remove "${n}" from dependencies in package.json (npm uninstall ${n}) and commit the updated package-lock.json.`],
    transitive: (n, via) => [
      `Upgrade or replace ${via}, which pulls ${n} in (npm ls ${n} shows the chain).`,
      `Until then, keep it out with an "overrides" entry in package.json only if ${via} works without it; never ship it silently.`,
    ],
  },
  pypi: {
    label: 'PyPI',
    direct: (n) => [`Remove ${n} from requirements.txt / pyproject.toml / setup.cfg (pip uninstall ${n}) and re-lock (pip-compile, poetry lock, uv lock).`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which requires ${n} (pipdeptree -r -p ${n} shows the chain), then re-lock.`],
  },
  maven: {
    label: 'Maven',
    direct: (n) => [`Remove the <dependency> for ${n} from pom.xml (or the implementation/androidTestImplementation line in build.gradle).`],
    transitive: (n, via) => [
      `Add an <exclusion> for ${n} under ${via} in pom.xml (or exclude(group, module) in Gradle), or replace ${via}.`,
      `mvn dependency:tree -Dincludes=<group>:<artifact> (gradle dependencies) shows the chain.`,
    ],
  },
  gradle: {
    label: 'Gradle',
    direct: (n) => [`Remove ${n} from the dependencies block of build.gradle(.kts).`],
    transitive: (n, via) => [`Exclude ${n} from ${via} (exclude group/module) or replace ${via}.`],
  },
  golang: {
    label: 'Go modules',
    direct: (n) => [`Remove the imports of ${n}, then run go mod tidy so go.mod and go.sum drop it.`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which requires ${n} (go mod why -m ${n}), then go mod tidy.`],
  },
  nuget: {
    label: 'NuGet',
    direct: (n) => [`Remove <PackageReference Include="${n}"> from the .csproj (dotnet remove package ${n}).`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which references ${n} (dotnet list package --include-transitive).`],
  },
  deb: {
    label: 'Debian packages',
    direct: (n) => [`Purge the package: apt-get purge ${n}; remove it from the image's Dockerfile or provisioning scripts.`],
    transitive: (n, via) => [`Remove ${via}, which depends on ${n}, or replace it; then apt-get purge ${n} and apt-get autoremove.`],
  },
  rpm: {
    label: 'RPM packages',
    direct: (n) => [`Remove the package: dnf remove ${n} (or rpm -e ${n}); take it out of the kickstart, Dockerfile or provisioning scripts.`],
    transitive: (n, via) => [`Remove ${via}, which requires ${n}, or replace it; then dnf remove ${n}.`],
  },
  docker: {
    label: 'container images',
    direct: (n) => [`Remove the ${n} image from your compose files, Kubernetes manifests and registries; stop its running containers.`],
    transitive: (n, via) => [`Rebuild ${via} on a base image without ${n} (check the FROM lines of its Dockerfile).`],
  },
  oci: {
    label: 'container images',
    direct: (n) => [`Remove the ${n} image from your deployment manifests and registries; stop its running containers.`],
    transitive: (n, via) => [`Rebuild ${via} on a base image without ${n}.`],
  },
  github: {
    label: 'GitHub sources',
    direct: (n) => [`Remove the vendored copy or git submodule of ${n} and its build targets (CMakeLists.txt, Makefile).`],
    transitive: (n, via) => [`${via} embeds the source of ${n}: switch ${via} to the upstream project, or remove it.`],
  },
  cargo: {
    label: 'Cargo',
    direct: (n) => [`Remove ${n} from Cargo.toml (cargo remove ${n}) and commit the updated Cargo.lock.`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which depends on ${n} (cargo tree -i ${n} shows the chain).`],
  },
  composer: {
    label: 'Composer',
    direct: (n) => [`Remove ${n} from composer.json (composer remove ${n}) and commit composer.lock.`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which requires ${n} (composer why ${n}).`],
  },
  gem: {
    label: 'RubyGems',
    direct: (n) => [`Remove ${n} from the Gemfile (bundle remove ${n}) and commit Gemfile.lock.`],
    transitive: (n, via) => [`Replace or upgrade ${via}, which depends on ${n} (bundle exec gem dependency ${n} --reverse-dependencies).`],
  },
  apk: {
    label: 'Alpine packages',
    direct: (n) => [`Remove the package: apk del ${n}; take it out of the Dockerfile's apk add line.`],
    transitive: (n, via) => [`Remove ${via}, which depends on ${n}, then apk del ${n}.`],
  },
  generic: generic,
  ...HOST_ADVICE,
};

export { hostEcosystem } from './hosts.js';

export function adviceFor(purlType: string | undefined): { key: string; advice: EcosystemAdvice } {
  // Own keys only: a purl type from an SBOM may be `constructor` or `__proto__`.
  const key = purlType && Object.hasOwn(ECOSYSTEMS, purlType) ? purlType : 'unknown';
  return { key, advice: ECOSYSTEMS[key] ?? generic };
}
