// Manifests beyond lockfiles: package.json alone, Gradle catalogs and build scripts as Android projects write them,
// Kubernetes and Helm image references, and requirements includes, each read into components at their lines.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { packageJson } from '../../src/project/readers/package-json.js';
import { gradleBuild, gradleCatalog } from '../../src/project/readers/gradle.js';
import { readerFor } from '../../src/project/registry.js';
import { prepareRules, scan } from '../../src/scan.js';

const rules = prepareRules();
const now = new Date('2025-01-01T00:00:00Z');
const APP = path.join(PACKAGE_ROOT, 'test/fixtures/npm-wrapper-app');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-manifests-'));
  // A repository root: readers that look upwards (package.json, Gradle catalogs) stop here.
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const purls = (doc: { components: readonly { purl?: string; line?: number; scope?: string }[] }) => doc.components.map((c) => `${c.purl ?? ''} @${c.line ?? '-'}${c.scope ? ` ${c.scope}` : ''}`);

describe('package.json without a lockfile', () => {
  it('reads the fixture app’s declared dependencies, the same names its real npm lockfile records as the root’s', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ictscan-pkg-'));
    mkdirSync(path.join(dir, '.git'));
    cpSync(path.join(APP, 'package.json'), path.join(dir, 'package.json'));
    const source = path.join(dir, 'package.json');
    expect(readerFor(source)).toBe(packageJson);
    const text = readFileSync(source, 'utf8');
    const doc = packageJson.read(source, text);
    const lock = JSON.parse(readFileSync(path.join(APP, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
    expect(doc.components.map((c) => c.name).sort()).toEqual(Object.keys(lock.packages['']?.dependencies ?? {}).sort());
    expect(doc.components.find((c) => c.name === 'left-pad')).toMatchObject({ version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', line: lineOf(text, '"left-pad"') });
    // A file: dependency has no registry version; its range is kept as written.
    const wrapper = doc.components.find((c) => c.name === 'acme-ui-wrapper');
    expect(wrapper?.version).toBeUndefined();
    expect(wrapper?.properties).toEqual([{ name: 'npm:range', value: 'file:wrapper' }]);
    rmSync(dir, { recursive: true });
  });

  it('is not read where a lockfile records it (beside it in the fixture app, or above it at a workspace root)', () => {
    expect(readerFor(path.join(APP, 'package.json'))).toBeUndefined();
    const dir = tree({ 'yarn.lock': '# yarn lockfile v1\n', 'packages/ui/package.json': '{"dependencies":{"@kaspersky/hexa-ui":"^6.0.0"}}' });
    expect(readerFor(path.join(dir, 'packages/ui/package.json'))).toBeUndefined();
    rmSync(path.join(dir, 'yarn.lock'));
    expect(readerFor(path.join(dir, 'packages/ui/package.json'))).toBe(packageJson);
  });

  it('flags the Kaspersky UI kit declared by range, by exact version and through an npm: alias, at their lines (exit-worthy findings)', async () => {
    const text = JSON.stringify({ name: 'demo', dependencies: { 'left-pad': '^1.3.0', '@kaspersky/hexa-ui': '6.198.2' }, devDependencies: { ui: 'npm:@kaspersky/hexa-ui@^6' }, peerDependencies: { '@kaspersky/hexa-ui': '^6' } }, null, 2);
    const dir = tree({ 'package.json': text });
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    expect(report.documents.map((d) => [path.basename(d.source), d.format, d.components])).toEqual([['package.json', 'npm-manifest', 3]]);
    expect(report.findings.map((f) => [f.component.name, f.component.version ?? null, f.line, f.rule.id])).toEqual([
      ['@kaspersky/hexa-ui', '6.198.2', lineOf(text, '"@kaspersky/hexa-ui": "6.198.2"'), 'KL-OSS-001'],
      ['@kaspersky/hexa-ui', null, lineOf(text, '"ui":'), 'KL-OSS-001'],
    ]);
    expect(report.findings[0]?.remediation.steps[0]).toContain('npm uninstall @kaspersky/hexa-ui');
  });
});

const CATALOG = `[versions]
agp = "8.5.0"
kl = "2.1.0"
coreKtx = { strictly = "1.13.1" }

[libraries]
androidx-core-ktx = { group = "androidx.core", name = "core-ktx", version.ref = "coreKtx" }
kaspersky-sdk = { module = "com.kaspersky.components:mobile-sdk", version.ref = "kl" }
okhttp = "com.squareup.okhttp3:okhttp:4.12.0"

[bundles]
security = ["kaspersky-sdk", "okhttp"]

[plugins]
android-application = { id = "com.android.application", version.ref = "agp" }
`;

const KTS = `plugins {
    alias(libs.plugins.android.application)
}
dependencies {
    implementation(libs.androidx.core.ktx)
    implementation(libs.bundles.security)
    implementation("com.kaspersky.antivirus:kavsdk:1.2.3")
    testImplementation("junit:junit:4.13.2") // tests
    implementation(group = "com.kaspersky", name = "kl-lib", version = "5")
    implementation(platform("com.google.firebase:firebase-bom:33.1.0"))
    implementation(libs.missing.thing)
    implementation(project(":core"))
    // implementation("com.example:commented-out:1.0")
}
`;

const GROOVY = `dependencies {
    implementation 'com.kaspersky.components:scanner:3.0'
    debugImplementation "com.squareup.leakcanary:leakcanary-android:2.14"
    api group: 'org.example', name: 'thing', version: '1.0'
    androidTestImplementation 'androidx.test.espresso:espresso-core:3.5.1'
}
`;

describe('Gradle version catalogs and build scripts', () => {
  const dir = tree({ 'settings.gradle.kts': 'rootProject.name = "demo"\n', 'gradle/libs.versions.toml': CATALOG, 'app/build.gradle.kts': KTS, 'lib/build.gradle': GROOVY });

  it('reads every library and plugin of the catalog at its line, versions resolved', () => {
    const source = path.join(dir, 'gradle/libs.versions.toml');
    expect(readerFor(source)).toBe(gradleCatalog);
    expect(purls(gradleCatalog.read(source, CATALOG))).toEqual([
      'pkg:maven/androidx.core/core-ktx@1.13.1 @7',
      'pkg:maven/com.kaspersky.components/mobile-sdk@2.1.0 @8',
      'pkg:maven/com.squareup.okhttp3/okhttp@4.12.0 @9',
      'pkg:maven/com.android.application/com.android.application.gradle.plugin@8.5.0 @15 excluded',
    ]);
  });

  it('reads build.gradle.kts declarations: strings, maps, platform(), libs accessors and bundles through the catalog; test scopes excluded', () => {
    const source = path.join(dir, 'app/build.gradle.kts');
    expect(readerFor(source)).toBe(gradleBuild);
    const doc = gradleBuild.read(source, KTS);
    expect(purls(doc)).toEqual([
      'pkg:maven/com.android.application/com.android.application.gradle.plugin@8.5.0 @2 excluded',
      'pkg:maven/androidx.core/core-ktx@1.13.1 @5',
      'pkg:maven/com.kaspersky.components/mobile-sdk@2.1.0 @6',
      'pkg:maven/com.squareup.okhttp3/okhttp@4.12.0 @6',
      'pkg:maven/com.kaspersky.antivirus/kavsdk@1.2.3 @7',
      'pkg:maven/junit/junit@4.13.2 @8 excluded',
      'pkg:maven/com.kaspersky/kl-lib@5 @9',
      'pkg:maven/com.google.firebase/firebase-bom@33.1.0 @10',
    ]);
    // The accessor with no catalog entry is a dependency nobody tested: said, not dropped.
    expect(doc.unchecked).toEqual(['line 11: libs.missing.thing: a version catalog entry that could not be resolved (no gradle/libs.versions.toml with it)']);
  });

  it('reads build.gradle (Groovy) declarations', () => {
    const source = path.join(dir, 'lib/build.gradle');
    expect(purls(gradleBuild.read(source, GROOVY))).toEqual([
      'pkg:maven/com.kaspersky.components/scanner@3.0 @2',
      'pkg:maven/com.squareup.leakcanary/leakcanary-android@2.14 @3',
      'pkg:maven/org.example/thing@1.0 @4',
      'pkg:maven/androidx.test.espresso/espresso-core@3.5.1 @5 excluded',
    ]);
  });

  it('scans the Android tree: each file a document, the unresolved accessor counted as partly checked', async () => {
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    expect(report.documents.map((d) => [path.relative(dir, d.source), d.format, d.components, d.error])).toEqual([
      ['app/build.gradle.kts', 'gradle-build', 8, null],
      ['gradle/libs.versions.toml', 'gradle-catalog', 4, null],
      ['lib/build.gradle', 'gradle-build', 4, null],
    ]);
    expect(report.summary.documentsPartlyChecked).toBeGreaterThanOrEqual(1);
  });
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: scanner
          image: kaspersky/scanengine_httpd:2.0.0.1157
          imagePullPolicy: Always
        - image: "registry.example.com/team/app@sha256:abc"
          name: app
`;
const VALUES = `image:
  registry: docker.io
  repository: kaspersky/scanengine_icapd   # the ICAP engine
  tag: "2.1"
sidecarImage: { repository: nginx, tag: 1.27 }
`;
const TEMPLATE = `spec:
  containers:
    - image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;

describe('Kubernetes and Helm image references', () => {
  it('flags Kaspersky Scan Engine images of a manifest and of Helm values at their lines; templates give nothing', async () => {
    const dir = tree({ 'k8s/deploy.yaml': DEPLOYMENT, 'chart/values.yaml': VALUES, 'chart/templates/deployment.yaml': TEMPLATE, 'compose.yaml': 'services:\n  av:\n    image: kaspersky/scanengine_httpd:2.1\n  web:\n    image: ${WEB_IMAGE}\n', 'README.md': 'images are described here\n' });
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    expect(report.documents.map((d) => [path.relative(dir, d.source), d.format, d.components])).toEqual([
      ['chart/values.yaml', 'container-manifest', 2],
      ['compose.yaml', 'container-manifest', 1],
      ['k8s/deploy.yaml', 'container-manifest', 2],
    ]);
    expect(report.findings.map((f) => [path.relative(dir, f.source), f.line, f.component.purl, f.rule.id])).toEqual([
      ['chart/values.yaml', 3, 'pkg:docker/kaspersky/scanengine_icapd@2.1', 'KL-SDK-003'],
      ['compose.yaml', 3, 'pkg:docker/kaspersky/scanengine_httpd@2.1', 'KL-SDK-003'],
      ['k8s/deploy.yaml', 8, 'pkg:docker/kaspersky/scanengine_httpd@2.0.0.1157', 'KL-SDK-003'],
    ]);
    expect(report.findings[2]?.remediation.steps[0]).toContain('declared at');
  });
});

describe('requirements includes', () => {
  it('follows -r and -c relative to the file, inside the tree, once each; what cannot be followed is unchecked', async () => {
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'ictscan-outside-')), 'shared.txt');
    writeFileSync(outside, 'opentip==1.2\n');
    const dir = tree({
      'requirements.txt': `-r reqs/base.in\n-c constraints.txt\n-r ${outside}\n-r missing.txt\n-r https://example.com/r.txt\nrequests==2.31.0\n`,
      'reqs/base.in': 'opentip==1.2\n-r ../requirements.txt\n',
      'constraints.txt': 'triangle-check==1.0\n',
    });
    const report = await scan({ inputs: [dir], now, jobs: 1 }, rules);
    const doc = report.documents.find((d) => d.source.endsWith('requirements.txt'));
    expect(doc?.components).toBe(3);
    expect(doc?.unchecked).toEqual([
      `line 3: ${outside} is not read: outside the scanned tree`,
      'line 4: missing.txt is not read: no such file',
      'line 5: https://example.com/r.txt is not read: a URL (ictscan reads no network)',
    ]);
    expect(doc?.warnings.some((w) => w.includes('../requirements.txt is already read'))).toBe(true);
    // Included packages stand at the line of the include that brings them in.
    expect(report.findings.map((f) => [path.basename(f.source), f.line, f.component.purl, f.rule.id])).toEqual([
      ['requirements.txt', 1, 'pkg:pypi/opentip@1.2', 'KL-API-001'],
      ['requirements.txt', 2, 'pkg:pypi/triangle-check@1.0', 'KL-OSS-002'],
    ]);
  });
});
