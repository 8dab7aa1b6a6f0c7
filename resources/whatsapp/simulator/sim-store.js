/*
 * Wamator WhatsApp Web simulator — durable storage (IndexedDB of the page's origin).
 *
 * Why IndexedDB and strict durability: Chromium writes localStorage lazily, so after a kill -9
 * it could lose a message the simulator had already acknowledged. Every write here resolves
 * only when its transaction has completed (oncomplete), with durability 'strict' where the
 * engine supports the option.
 */
(function () {
    'use strict';

    const SIM = (window.__wamatorSim = window.__wamatorSim || {});
    const DB_NAME = 'wamator-simulator';
    // 2: the messages customers send ('incoming', keyed by the serialized id) and their media
    // bytes ('blobs', keyed by the media's directPath).
    const DB_VERSION = 2;
    const STORES = ['meta', 'messages', 'incoming', 'blobs'];

    let dbPromise = null;

    function open() {
        if (dbPromise)
            return dbPromise;
        dbPromise = new Promise((resolve, reject) => {
            let req;
            try {
                req = indexedDB.open(DB_NAME, DB_VERSION);
            } catch (e) {
                reject(e);
                return;
            }
            req.onupgradeneeded = () => {
                const db = req.result;
                if (!db.objectStoreNames.contains('meta'))
                    db.createObjectStore('meta');
                if (!db.objectStoreNames.contains('messages'))
                    db.createObjectStore('messages', { keyPath: 'id' });
                if (!db.objectStoreNames.contains('incoming'))
                    db.createObjectStore('incoming', { keyPath: 'id' });
                if (!db.objectStoreNames.contains('blobs'))
                    db.createObjectStore('blobs');
            };
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error || new Error('indexedDB.open failed'));
            req.onblocked = () => reject(new Error('indexedDB.open blocked'));
        });
        return dbPromise;
    }

    function transaction(db, stores, mode) {
        try {
            return db.transaction(stores, mode, { durability: 'strict' });
        } catch (e) {
            return db.transaction(stores, mode);
        }
    }

    // Runs fn(tx) in one readwrite transaction; resolves when the transaction completed.
    async function write(stores, fn) {
        const db = await open();
        return new Promise((resolve, reject) => {
            const tx = transaction(db, stores, 'readwrite');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error || new Error('transaction failed'));
            tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
            fn(tx);
        });
    }

    // Group commit for message records: while one transaction is being made durable, the
    // records put meanwhile wait and then go together in the next one. Each caller still
    // resolves only when its own record is durable, but a busy session pays one durable
    // commit per round instead of three per message (ack 1, 2 and 3 each write), and a burst
    // of customers writing one per round, not one per message.
    let queued = []; // {puts: [{store, value, key}], resolve, reject}
    let flushing = false;

    function flushMessages() {
        if (flushing || !queued.length)
            return;
        flushing = true;
        const round = queued;
        queued = [];
        const stores = new Set();
        for (const item of round)
            for (const p of item.puts)
                stores.add(p.store);
        // ?store_delay_ms=N (tests): a slow disk, so an announcement that did not wait for its
        // commit would show.
        const delay = SIM.store.commitDelayMs > 0 ? SIM.sleep(SIM.store.commitDelayMs) : Promise.resolve();
        delay.then(() => write(Array.from(stores), (tx) => {
            for (const item of round)
                for (const p of item.puts) {
                    if (p.key === undefined)
                        tx.objectStore(p.store).put(p.value);
                    else
                        tx.objectStore(p.store).put(p.value, p.key);
                }
        })).then(
            () => round.forEach((item) => item.resolve()),
            (e) => round.forEach((item) => item.reject(e)),
        ).finally(() => {
            flushing = false;
            flushMessages();
        });
    }

    function enqueue(puts) {
        return new Promise((resolve, reject) => {
            queued.push({ puts, resolve, reject });
            flushMessages();
        });
    }

    function request(req) {
        return new Promise((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
        });
    }

    SIM.store = {
        open,
        commitDelayMs: 0,

        async getMeta(key) {
            const db = await open();
            return request(transaction(db, ['meta'], 'readonly').objectStore('meta').get(key));
        },

        putMeta(key, value) {
            return write(['meta'], (tx) => tx.objectStore('meta').put(value, key));
        },

        deleteMeta(key) {
            return write(['meta'], (tx) => tx.objectStore('meta').delete(key));
        },

        async allMessages() {
            const db = await open();
            return request(transaction(db, ['messages'], 'readonly').objectStore('messages').getAll());
        },

        // The record is copied now: later changes by the caller are not written.
        putMessage(record) {
            return enqueue([{ store: 'messages', value: Object.assign({}, record) }]);
        },

        // A message a customer sent, with its media bytes (ArrayBuffer) when it has some, in
        // one transaction: both are durable when this resolves.
        putIncoming(record, blobKey, bytes) {
            const puts = [{ store: 'incoming', value: Object.assign({}, record) }];
            if (blobKey && bytes)
                puts.push({ store: 'blobs', value: bytes, key: blobKey });
            return enqueue(puts);
        },

        async allIncoming() {
            const db = await open();
            return request(transaction(db, ['incoming'], 'readonly').objectStore('incoming').getAll());
        },

        async hasIncoming(id) {
            const db = await open();
            const n = await request(transaction(db, ['incoming'], 'readonly').objectStore('incoming').count(id));
            return n > 0;
        },

        async getBlob(key) {
            const db = await open();
            return request(transaction(db, ['blobs'], 'readonly').objectStore('blobs').get(key));
        },

        // What the phone's unlinking of this device does to WhatsApp Web: all local data goes.
        clearAll() {
            // Records still waiting for their round belong to the data being forgotten.
            const dropped = queued;
            queued = [];
            dropped.forEach((item) => item.resolve());
            return write(STORES, (tx) => {
                for (const name of STORES)
                    tx.objectStore(name).clear();
            });
        },
    };
})();
