// The Apple configuration profile (.mobileconfig) that installs the local CA on an iPad, iPhone or Mac: one
// `com.apple.security.root` payload holding the CA certificate (never a key). Unsigned: iOS shows it as
// "Not Verified", and the person still has to enable full trust in Settings, which the setup page explains.

/** A stable UUID for a payload, derived from the CA fingerprint, so reinstalling replaces rather than adds. */
function uuidFromFingerprint(fingerprint: string, salt: number): string {
  const hex = fingerprint.replace(/:/g, '').toLowerCase();
  const bytes = hex
    .slice(salt * 32, salt * 32 + 32)
    .padEnd(32, '0')
    .split('');
  // RFC 4122 layout: version nibble 4 (random-like), variant bits 10.
  bytes[12] = '4';
  bytes[16] = ((parseInt(bytes[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = bytes.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`.toUpperCase();
}

export interface AppleProfileInput {
  caDer: Uint8Array;
  caFingerprint: string;
}

export function appleProfile({ caDer, caFingerprint }: AppleProfileInput): string {
  const certificate = Buffer.from(caDer)
    .toString('base64')
    .replace(/.{1,64}/g, '\t\t\t$&\n');
  // Plain ASCII constants and base64 only, so nothing here needs XML escaping.
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>PayloadContent</key>
\t<array>
\t\t<dict>
\t\t\t<key>PayloadCertificateFileName</key>
\t\t\t<string>orderline-ca.crt</string>
\t\t\t<key>PayloadContent</key>
\t\t\t<data>
${certificate}\t\t\t</data>
\t\t\t<key>PayloadDescription</key>
\t\t\t<string>Lets this device trust the Orderline server on your shop's network.</string>
\t\t\t<key>PayloadDisplayName</key>
\t\t\t<string>Orderline local CA</string>
\t\t\t<key>PayloadIdentifier</key>
\t\t\t<string>app.orderline.local-ca.certificate</string>
\t\t\t<key>PayloadType</key>
\t\t\t<string>com.apple.security.root</string>
\t\t\t<key>PayloadUUID</key>
\t\t\t<string>${uuidFromFingerprint(caFingerprint, 1)}</string>
\t\t\t<key>PayloadVersion</key>
\t\t\t<integer>1</integer>
\t\t</dict>
\t</array>
\t<key>PayloadDescription</key>
\t<string>Installs the Orderline local certificate authority so this device can open Orderline over HTTPS.</string>
\t<key>PayloadDisplayName</key>
\t<string>Orderline</string>
\t<key>PayloadIdentifier</key>
\t<string>app.orderline.local-ca</string>
\t<key>PayloadRemovalDisallowed</key>
\t<false/>
\t<key>PayloadType</key>
\t<string>Configuration</string>
\t<key>PayloadUUID</key>
\t<string>${uuidFromFingerprint(caFingerprint, 0)}</string>
\t<key>PayloadVersion</key>
\t<integer>1</integer>
</dict>
</plist>
`;
}
