// The executable `terraform-provider-cognitomfa`: Terraform and OpenTofu start it, as go-plugin
// does any plugin, and talk to it over gRPC:
//   1. the CLI sets TF_PLUGIN_MAGIC_COOKIE (the check that a person did not start it by hand) and
//      PLUGIN_PROTOCOL_VERSIONS, and with AutoMTLS (the default) its certificate, PLUGIN_CLIENT_CERT;
//   2. the provider listens on a loopback port and prints one line on stdout, and nothing before it:
//      `1|6|tcp|127.0.0.1:PORT|grpc|<its certificate, base64 DER without padding>`;
//   3. the CLI calls the provider, then `GRPCController.Shutdown`.
// Ctrl-C reaches the provider as StopProvider; the interrupt signal itself is ignored (the CLI's
// process group gets it too). The provider ends when its CLI is gone, however that happened.

import * as grpc from "@grpc/grpc-js";
import { exitOnBrokenPipe } from "../process/brokenPipe";
import { loadServices } from "./protocol";
import { PROVIDER_NAME, PROVIDER_VERSION } from "./schema";
import { providerServer } from "./server";
import { serverCertificate } from "./tls";

/** Terraform's handshake cookie (terraform internal/plugin/serve.go; OpenTofu's is the same). */
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const PROTOCOL_VERSION = "6";
/** How often the provider checks that the CLI that started it is still there. */
const PARENT_CHECK_MS = 1_000;

const USAGE = `terraform-provider-${PROVIDER_NAME} v${PROVIDER_VERSION}: the ${PROVIDER_NAME} provider for Terraform and OpenTofu.

This program is a plugin: Terraform or OpenTofu start it, and it is not meant to be run by hand.
Declare it in your configuration and run \`terraform init\` (or \`tofu init\`):

  terraform {
    required_providers {
      ${PROVIDER_NAME} = { source = "pulumi-cognito-mfa/${PROVIDER_NAME}" }
    }
  }

To install it without a registry, put its release zip in a filesystem mirror (docs/index.md, "Installing").
`;

function refuseToRunByHand(reason: string): never {
    process.stderr.write(`${USAGE}\n${reason}\n`);
    process.exit(1);
}

/** Ends the process once its parent (the CLI) is gone: the process was then handed to another. */
function endWithParent(): void {
    const parent = process.ppid;
    setInterval(() => {
        if (process.ppid !== parent) {
            process.exit(0);
        }
    }, PARENT_CHECK_MS).unref();
}

async function serve(): Promise<void> {
    const services = loadServices();
    let server: grpc.Server | undefined = undefined;
    const shutdown = () => {
        // Answered first; the CLI waits 2 s for the process to end, then kills it.
        setImmediate(() => {
            server?.forceShutdown();
            process.exit(0);
        });
    };
    server = providerServer(services, shutdown);
    const clientCertificate = process.env.PLUGIN_CLIENT_CERT;
    const certificate = clientCertificate === undefined ? undefined : await serverCertificate();
    const credentials =
        certificate === undefined
            ? grpc.ServerCredentials.createInsecure()
            : grpc.ServerCredentials.createSsl(Buffer.from(clientCertificate!), [{ cert_chain: Buffer.from(certificate.certificatePem), private_key: Buffer.from(certificate.privateKeyPem) }], true);
    const port = await new Promise<number>((resolve, reject) => server!.bindAsync("127.0.0.1:0", credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
    process.stdout.write(`1|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc${certificate === undefined ? "" : `|${certificate.handshakeField}`}\n`);
}

function main(): void {
    if (process.argv.includes("--version") || process.argv.includes("-version")) {
        process.stdout.write(`terraform-provider-${PROVIDER_NAME} v${PROVIDER_VERSION} (plugin protocol ${PROTOCOL_VERSION})\n`);
        return;
    }
    if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
        refuseToRunByHand(`(${MAGIC_COOKIE_KEY} is not set to Terraform's value: this process was not started by Terraform or OpenTofu.)`);
    }
    const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? PROTOCOL_VERSION).split(",").map((version) => version.trim());
    if (!versions.includes(PROTOCOL_VERSION)) {
        refuseToRunByHand(`This provider speaks plugin protocol ${PROTOCOL_VERSION}, which needs Terraform 1.0 or OpenTofu 1.6 or newer; this CLI offered ${versions.join(", ")}.`);
    }
    process.on("SIGINT", () => undefined);
    exitOnBrokenPipe();
    endWithParent();
    serve().catch((error: unknown) => {
        process.stderr.write(`terraform-provider-${PROVIDER_NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}

main();
