// AutoMTLS, as go-plugin's clients (Terraform, OpenTofu) require it by default: the client gives its
// certificate in PLUGIN_CLIENT_CERT; the provider makes a self-signed one for `localhost`, serves
// TLS with it, accepts only that client, and prints its own certificate in the handshake line.

import { webcrypto } from "node:crypto";
// Before the X.509 library, whose dependency injection needs it loaded.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

export interface ServerCertificate {
    certificatePem: string;
    privateKeyPem: string;
    /** The DER, base64 without padding, as the handshake line carries it. */
    handshakeField: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

function pem(label: string, der: ArrayBuffer): string {
    const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
    return `-----BEGIN ${label}-----\n${body}${body.endsWith("\n") ? "" : "\n"}-----END ${label}-----\n`;
}

/** A new key and self-signed certificate for `localhost`, as go-plugin makes its own: CA, server and client use. */
export async function serverCertificate(): Promise<ServerCertificate> {
    // Node.js's Web Crypto, typed by Node.js rather than by the DOM library the package's types name.
    x509.cryptoProvider.set(webcrypto as never);
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1"),
        name: "CN=localhost, O=cognitomfa",
        notBefore: new Date(now - 30_000),
        notAfter: new Date(now + 30 * 24 * 3600 * 1000),
        signingAlgorithm: ALGORITHM,
        keys: keys as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"],
        extensions: [
            new x509.BasicConstraintsExtension(true, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
            new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }]),
        ],
    });
    const privateKey = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
    return {
        certificatePem: certificate.toString("pem") + "\n",
        privateKeyPem: pem("PRIVATE KEY", privateKey),
        handshakeField: Buffer.from(certificate.rawData).toString("base64").replace(/=+$/, ""),
    };
}
