// Runs an async step over a stream with several calls under way at once, and hands the results
// on in the stream's order, so the output of a scan is the same from one run to the next. At
// most `concurrency` results are held: a slow head holds the rest back rather than piling them up.

export async function* mapInOrder<T, R>(source: AsyncIterable<T>, concurrency: number, step: (item: T) => Promise<R>): AsyncGenerator<R> {
    const iterator = source[Symbol.asyncIterator]();
    const running: Promise<R>[] = [];
    let exhausted = false;
    for (;;) {
        while (!exhausted && running.length < concurrency) {
            const next = await iterator.next();
            if (next.done) {
                exhausted = true;
            } else {
                const result = step(next.value);
                // Rejections surface in order, when their turn comes; not as unhandled meanwhile.
                result.catch(() => undefined);
                running.push(result);
            }
        }
        const head = running.shift();
        if (head === undefined) {
            return;
        }
        yield await head;
    }
}
