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
    const DB_VERSION = 1;

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
    // commit per round instead of three per message (ack 1, 2 and 3 each write).
    let queued = []; // {record, resolve, reject}
    let flushing = false;

    function flushMessages() {
        if (flushing || !queued.length)
            return;
        flushing = true;
        const round = queued;
        queued = [];
        write(['messages'], (tx) => {
            const store = tx.objectStore('messages');
            for (const item of round)
                store.put(item.record);
        }).then(
            () => round.forEach((item) => item.resolve()),
            (e) => round.forEach((item) => item.reject(e)),
        ).finally(() => {
            flushing = false;
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
            return new Promise((resolve, reject) => {
                queued.push({ record: Object.assign({}, record), resolve, reject });
                flushMessages();
            });
        },

        // What the phone's unlinking of this device does to WhatsApp Web: all local data goes.
        clearAll() {
            // Records still waiting for their round belong to the data being forgotten.
            const dropped = queued;
            queued = [];
            dropped.forEach((item) => item.resolve());
            return write(['meta', 'messages'], (tx) => {
                tx.objectStore('meta').clear();
                tx.objectStore('messages').clear();
            });
        },
    };
})();
