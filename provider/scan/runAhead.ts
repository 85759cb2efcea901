// Lets a listing run ahead of the reads, so the number of users is known early (for the progress
// bar's total and time left): a page of 60 usernames comes 15 times faster than the reads of its
// users at Cognito's quotas. What waits is usernames only, up to `capacity` of them; past that the
// listing pauses, so memory stays bounded however large the pool.

export interface RunAhead<T> extends AsyncIterable<T> {
    /** Items listed so far. */
    readonly listed: number;
    /** Whether the listing has ended (every item is listed). */
    readonly complete: boolean;
}

export function runAhead<T>(source: AsyncIterable<T>, capacity: number): RunAhead<T> {
    const waiting = new Queue<T>();
    let listed = 0;
    let complete = false;
    let failure: { error: unknown } | undefined;
    // Whoever waits: the consumer for an item, or the pump for room.
    let wakeConsumer: (() => void) | undefined;
    let wakePump: (() => void) | undefined;
    const wake = (waker: (() => void) | undefined) => waker?.();

    const pump = async () => {
        try {
            for await (const item of source) {
                waiting.push(item);
                listed += 1;
                wake(wakeConsumer);
                while (waiting.length >= capacity) {
                    await new Promise<void>((resolve) => (wakePump = resolve));
                }
            }
        } catch (error) {
            failure = { error };
        }
        complete = true;
        wake(wakeConsumer);
    };
    void pump();

    return {
        get listed() {
            return listed;
        },
        get complete() {
            return complete;
        },
        async *[Symbol.asyncIterator]() {
            for (;;) {
                if (waiting.length > 0) {
                    yield waiting.shift();
                    wake(wakePump);
                } else if (failure !== undefined) {
                    throw failure.error;
                } else if (complete) {
                    return;
                } else {
                    await new Promise<void>((resolve) => (wakeConsumer = resolve));
                }
            }
        },
    };
}

/** First in, first out, without Array.prototype.shift's copying of every remaining item. */
class Queue<T> {
    private items: (T | undefined)[] = [];
    private head = 0;

    get length(): number {
        return this.items.length - this.head;
    }

    push(item: T): void {
        this.items.push(item);
    }

    /** Only when length > 0. */
    shift(): T {
        const item = this.items[this.head] as T;
        this.items[this.head] = undefined;
        this.head += 1;
        if (this.head >= 1024 && this.head * 2 >= this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
        return item;
    }
}
