// Whether the Pulumi engine that started this plugin is still there. Every plugin gets the
// address of the engine's gRPC server as its argument; the engine shuts that server down only
// after it has closed its plugins (pkg/v3 host/host.go, defaultHost.Close). So one idle HTTP/2
// connection to it is an honest, free signal: the kernel closes it the moment the engine dies,
// however it dies, and a loopback address that then refuses connections has no listener left.
// Go plugins get the same protection from the SDK (rpcutil.Healthcheck, started by
// provider.Main), though by polling every five minutes.

import * as http2 from "node:http2";

/** The pause before trying again after a failure that is not a refusal. */
const RETRY_MS = 500;
/** The pause before reconnecting after the engine ended a live connection (not expected). */
const RECONNECT_MS = 100;

/**
 * Calls ONGONE once the engine at ADDRESS (host:port) is gone: a connection to it was open, it
 * closed, and a new one is refused. Anything else (a slow answer, a reset, a GOAWAY) only leads
 * to another attempt, so a live engine never triggers it. Nothing here keeps the process alive.
 */
export function watchEngine(address: string, onGone: () => void): void {
    let everConnected = false;
    const connect = () => {
        let connected = false;
        let refused = false;
        const session = http2.connect(`http://${address}`);
        session.on("connect", () => {
            connected = everConnected = true;
            session.unref();
        });
        session.on("error", (error: NodeJS.ErrnoException) => {
            refused = !connected && error.code === "ECONNREFUSED";
        });
        session.on("close", () => {
            if (refused && everConnected) {
                onGone();
                return;
            }
            setTimeout(connect, connected ? RECONNECT_MS : RETRY_MS).unref();
        });
        session.unref();
    };
    connect();
}
