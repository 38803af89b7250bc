// Removal advice for software found on a host (an endpoint or server inventory), by platform and kind of item.
import type { Component } from '../model/component.js';

interface HostAdvice {
  readonly label: string;
  readonly direct: (name: string) => string[];
  readonly transitive: (name: string, via: string) => string[];
}

const AFTER = [
  'Block Kaspersky update and KSN hosts (*.kaspersky.com, *.kaspersky-labs.com, ksn*.kaspersky-labs.com, dnl-*.geo.kaspersky.com) at the proxy or firewall once the host is clean, so a leftover cannot reach them.',
  'Deploy the replacement (endpoint protection / EDR from another vendor) before or right after removal, so the host is never unprotected; then take a new inventory to confirm nothing remains.',
];

const same = (steps: (n: string) => string[]) => ({ direct: steps, transitive: (n: string) => steps(n) });

export const HOST_ADVICE: Readonly<Record<string, HostAdvice>> = {
  'host-windows-ksc': {
    label: 'Windows host managed by Kaspersky Security Center',
    ...same((n) => [
      `In Kaspersky Security Center, run a "Remote uninstallation of application" task for ${n} on this host (the Network Agent is installed), then uninstall the Network Agent itself last.`,
      'If the task fails, run the vendor\'s removal tool kavremover locally and reboot.',
      ...AFTER,
    ]),
  },
  'host-windows': {
    label: 'Windows host',
    ...same((n) => [
      `Uninstall ${n} from Settings > Apps (or its UninstallString); if it is protected or the uninstall fails, run the vendor's removal tool kavremover in Safe Mode and reboot.`,
      ...AFTER,
    ]),
  },
  'host-linux': {
    label: 'Linux host',
    ...same((n) => [`Remove ${n} with the package manager (apt-get purge ${n}, dnf remove ${n}, zypper remove ${n} or apk del ${n}), then delete what remains under /opt/kaspersky and /var/opt/kaspersky.`, ...AFTER]),
  },
  'host-macos': {
    label: 'macOS host',
    ...same((n) => [`Run the Kaspersky uninstaller for ${n} (the "Uninstall" app in its folder or on the installer image), then check that its system extension is gone (systemextensionsctl list) and /Library/Application Support/Kaspersky Lab is removed.`, ...AFTER]),
  },
  'host-driver': {
    label: 'Windows driver',
    ...same((n) => [`The driver ${n} belongs to a Kaspersky product: uninstall that product (it removes the driver); if the driver stays after a migration, the removal tool kavremover deletes it. Reboot and check that it is no longer loaded (driverquery / fltmc).`, ...AFTER]),
  },
  'host-certificate': {
    label: 'root certificate',
    ...same((n) => [`Remove the certificate "${n}" from the trusted root stores (certlm.msc / the Keychain / the browsers' own stores): Kaspersky installs it to inspect encrypted web traffic, and it stays trusted after the product is gone.`, ...AFTER]),
  },
  'host-system-extension': {
    label: 'macOS system extension',
    ...same((n) => [`Uninstall the Kaspersky app that owns ${n}; if the extension remains (systemextensionsctl list), remove it through the MDM or by reinstalling and uninstalling the app.`, ...AFTER]),
  },
};

function property(c: Component, name: string): string | undefined {
  return c.properties.find((p) => p.name === name)?.value;
}

/** The advice key for an inventory component, or undefined for components of an SBOM. */
export function hostEcosystem(c: Component): string | undefined {
  const kind = property(c, 'ictscan:inventory:kind');
  if (kind === undefined) return undefined;
  if (kind === 'driver' || kind === 'certificate' || kind === 'system-extension') return `host-${kind}`;
  const platform = property(c, 'ictscan:inventory:platform');
  if (platform === 'windows') return property(c, 'ictscan:inventory:managed-by') === 'kaspersky-security-center' ? 'host-windows-ksc' : 'host-windows';
  if (platform === 'macos') return 'host-macos';
  if (platform === 'linux') return 'host-linux';
  return undefined;
}
