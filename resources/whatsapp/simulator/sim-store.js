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

        putMessage(record) {
            return write(['messages'], (tx) => tx.objectStore('messages').put(record));
        },

        // What the phone's unlinking of this device does to WhatsApp Web: all local data goes.
        clearAll() {
            return write(['meta', 'messages'], (tx) => {
                tx.objectStore('meta').clear();
                tx.objectStore('messages').clear();
            });
        },
    };
})();
