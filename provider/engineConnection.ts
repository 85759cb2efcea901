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
 * to another attempt, so a live engine never triggers it. Returns a function that stops watching.
 * Nothing here keeps the process alive.
 */
export function watchEngine(address: string, onGone: () => void): () => void {
    let stopped = false;
    let everConnected = false;
    let session: http2.ClientHttp2Session | undefined;
    let timer: NodeJS.Timeout | undefined;

    const later = (ms: number) => {
        timer = setTimeout(connect, ms);
        timer.unref();
    };
    const connect = () => {
        let connected = false;
        let refused = false;
        const current = http2.connect(`http://${address}`);
        session = current;
        current.on("connect", () => {
            connected = everConnected = true;
            current.unref();
        });
        current.on("error", (error: NodeJS.ErrnoException) => {
            refused = !connected && error.code === "ECONNREFUSED";
        });
        current.on("close", () => {
            if (stopped) {
                return;
            }
            if (refused && everConnected) {
                onGone();
                return;
            }
            later(connected ? RECONNECT_MS : RETRY_MS);
        });
        current.unref();
    };

    connect();
    return () => {
        stopped = true;
        clearTimeout(timer);
        session?.destroy();
    };
}
