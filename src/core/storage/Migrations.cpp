#include "storage/Migrations.h"

#include "DomainError.h"
#include "contacts/ContactSearchIndex.h"
#include "contacts/ContactTermIds.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

// Times are INTEGER epoch milliseconds (UTC); booleans are INTEGER 0/1; JSON arrays/objects
// are TEXT holding JSON. Table names are the original Node system's (api_consumer, app_users…).
// Only portable SQL here, except where a comment says the statement is SQLite's.
static const QList<Migrations::Migration> kMigrations = {
    {1,
     "initial schema",
     {
         QStringLiteral("CREATE TABLE settings ("
                        " key TEXT PRIMARY KEY,"
                        " value TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE api_consumer ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " name TEXT NOT NULL,"
                        " company_name TEXT NOT NULL DEFAULT '',"
                        " phone_number TEXT NOT NULL DEFAULT '',"
                        " email TEXT NOT NULL UNIQUE,"
                        " password_hash TEXT NOT NULL,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE TABLE api_keys ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " key_hash TEXT NOT NULL UNIQUE,"       // hex HMAC-SHA256 of the key
                        " key_encrypted TEXT NOT NULL,"         // base64(nonce || secretbox)
                        " created_at INTEGER NOT NULL,"
                        " last_used_at INTEGER,"
                        " revoked_at INTEGER)"),
         QStringLiteral("CREATE INDEX idx_api_keys_consumer ON api_keys(api_consumer_id, revoked_at)"),
         QStringLiteral("CREATE TABLE app_users ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " external_user_id TEXT,"
                        " name TEXT NOT NULL,"
                        " company_name TEXT,"
                        " email TEXT NOT NULL,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL,"
                        " UNIQUE (api_consumer_id, email))"),
         QStringLiteral("CREATE TABLE whatsapp_numbers ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,"
                        " label TEXT,"
                        " phone_number TEXT NOT NULL,"
                        " sandbox INTEGER NOT NULL DEFAULT 0,"
                        " is_active INTEGER NOT NULL DEFAULT 0,"
                        " state TEXT NOT NULL DEFAULT 'disconnected',"
                        " state_reason TEXT,"
                        " session_id TEXT,"
                        " restore_on_start INTEGER NOT NULL DEFAULT 0,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL,"
                        " UNIQUE (api_consumer_id, phone_number))"),
         QStringLiteral("CREATE INDEX idx_numbers_user ON whatsapp_numbers(app_user_id)"),
         QStringLiteral("CREATE TABLE plans ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " name TEXT NOT NULL,"
                        " max_phone_numbers INTEGER NOT NULL,"
                        " max_messages INTEGER NOT NULL,"
                        " period_days INTEGER NOT NULL DEFAULT 30,"
                        " created_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE TABLE subscriptions ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " app_user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,"
                        " plan_id INTEGER NOT NULL REFERENCES plans(id),"
                        " status TEXT NOT NULL DEFAULT 'active',"
                        " starts_at INTEGER NOT NULL,"
                        " ends_at INTEGER NOT NULL,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX idx_subscriptions_user ON subscriptions(app_user_id, status, ends_at)"),
         QStringLiteral("CREATE TABLE contact_lists ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,"
                        " name TEXT NOT NULL,"
                        " phone_number TEXT NOT NULL,"
                        " email TEXT,"
                        " company_name TEXT,"
                        " gender TEXT,"
                        " dob TEXT,"
                        " age_group TEXT,"
                        " language_preference TEXT,"
                        " timezone TEXT,"
                        " nickname TEXT,"
                        " custom_salutation TEXT,"
                        " partner_name TEXT,"
                        " anniversary_date TEXT,"
                        " kids_names TEXT,"
                        " pets_names TEXT,"
                        " job_title TEXT,"
                        " industry TEXT,"
                        " interests TEXT,"
                        " preferred_products TEXT,"
                        " message_opt_in INTEGER NOT NULL DEFAULT 1,"
                        " customer_tier TEXT,"
                        " average_spend REAL,"
                        " whatsapp_broadcast_preference TEXT,"
                        " notes TEXT,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL,"
                        " UNIQUE (app_user_id, phone_number))"),
         QStringLiteral("CREATE INDEX idx_contacts_owner ON contact_lists(api_consumer_id, app_user_id, id)"),
         // SQLite only (FTS5, SQLite >= 3.34): a trigram index over the searched columns, so
         // GET /contacts/:id/list?search= is a case-insensitive substring search answered from
         // the index instead of a scan (quality-bars P4). External content: the text lives in
         // contact_lists only. Another database would use its own index (pg_trgm, FULLTEXT)
         // and ContactStore's LIKE path.
         // Indexing a row costs ~10x its plain insert, too much for a 5,000-contact import in
         // the request, so new rows are indexed after the fact (by a background indexer,
         // removed with migration 3): rows with id <= indexed_up_to are in the index, newer ones are
         // searched with LIKE until then. Hence no INSERT trigger, and the DELETE/UPDATE
         // triggers touch the index only for rows it already holds. keep_deleted is set only
         // inside the transaction that removes a whole user or vendor: their rows' entries
         // then stay in the index (un-indexing costs as much as indexing; stale entries never
         // match because search joins live rows and AUTOINCREMENT never reuses an id).
         QStringLiteral("CREATE VIRTUAL TABLE contact_search USING fts5("
                        " name, email, phone_number, company_name,"
                        " content='contact_lists', content_rowid='id', tokenize='trigram')"),
         QStringLiteral("CREATE TABLE contact_search_state ("
                        " id INTEGER PRIMARY KEY CHECK (id = 1),"
                        " indexed_up_to INTEGER NOT NULL,"
                        " keep_deleted INTEGER NOT NULL DEFAULT 0)"),
         QStringLiteral("INSERT INTO contact_search_state (id, indexed_up_to) VALUES (1, 0)"),
         QStringLiteral("CREATE TRIGGER contact_search_ad AFTER DELETE ON contact_lists"
                        " WHEN (SELECT old.id <= indexed_up_to AND keep_deleted = 0"
                        " FROM contact_search_state) BEGIN"
                        " INSERT INTO contact_search (contact_search, rowid, name, email, phone_number, company_name)"
                        " VALUES ('delete', old.id, old.name, old.email, old.phone_number, old.company_name);"
                        " END"),
         QStringLiteral("CREATE TRIGGER contact_search_au"
                        " AFTER UPDATE OF name, email, phone_number, company_name ON contact_lists"
                        " WHEN old.id <= (SELECT indexed_up_to FROM contact_search_state) BEGIN"
                        " INSERT INTO contact_search (contact_search, rowid, name, email, phone_number, company_name)"
                        " VALUES ('delete', old.id, old.name, old.email, old.phone_number, old.company_name);"
                        " INSERT INTO contact_search (rowid, name, email, phone_number, company_name)"
                        " VALUES (new.id, new.name, new.email, new.phone_number, new.company_name);"
                        " END"),
         QStringLiteral("CREATE TABLE sent_messages ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " batch_id TEXT NOT NULL,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        // No foreign key on the user and numbers: message history outlives them.
                        " app_user_id INTEGER NOT NULL,"
                        " from_number_id INTEGER,"
                        " number_id INTEGER,"
                        " recipient TEXT NOT NULL,"
                        " message TEXT,"
                        " channel TEXT NOT NULL DEFAULT 'whatsapp',"
                        " status TEXT NOT NULL DEFAULT 'pending',"
                        " message_type TEXT NOT NULL DEFAULT 'text',"
                        " media_url TEXT,"
                        " caption TEXT,"
                        " template_id TEXT,"
                        " error_message TEXT,"
                        " wa_message_id TEXT,"
                        " attempts INTEGER NOT NULL DEFAULT 0,"
                        " next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                        " expires_at INTEGER NOT NULL,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL,"
                        " sent_at INTEGER,"
                        " delivered_at INTEGER,"
                        " read_at INTEGER)"),
         QStringLiteral("CREATE INDEX idx_messages_batch ON sent_messages(batch_id)"),
         // status last: the quota count (MessageStore::countForQuota) reads only this index.
         QStringLiteral("CREATE INDEX idx_messages_owner ON sent_messages(api_consumer_id, app_user_id, created_at, status)"),
         QStringLiteral("CREATE INDEX idx_messages_queue ON sent_messages(status, number_id, next_attempt_at)"),
         QStringLiteral("CREATE INDEX idx_messages_wa_id ON sent_messages(wa_message_id)"),
     }},
    // The quota as a counter (QuotaCounter.h says what counts and who keeps it exact): a send
    // reads one row instead of counting the period's messages (quality bar P2). And an index
    // for the dispatcher's expiry sweep, which otherwise reads every pending row each second.
    {2,
     "message quota counters and the expiry index",
     {
         // OutboxQueue::expireOverdue (status = 'pending' AND expires_at <= now, in index
         // order): without it the sweep read every pending row on the main thread once a
         // second (~150 ms at 275,000 pending, nothing overdue), stalling the API. New rows
         // are appended at its end (pending, expires_at growing with time).
         QStringLiteral("CREATE INDEX idx_messages_expiry ON sent_messages(status, expires_at)"),
         // Pays for the index above on the send path: a row is queued without a WhatsApp id,
         // so leaving NULLs out of idx_messages_wa_id saves one index insert per queued row
         // (measured: the two changes together cost about what the old indexes did). Lookups
         // by id (wa_message_id IN (...), acks) still use it: a comparison implies NOT NULL.
         QStringLiteral("DROP INDEX idx_messages_wa_id"),
         QStringLiteral("CREATE INDEX idx_messages_wa_id ON sent_messages(wa_message_id)"
                        " WHERE wa_message_id IS NOT NULL"),
         // used = sent_messages rows of the user with created_at >= since_ms and a status other
         // than 'cancelled'. Inserts are counted by MessageStore::insertBatch in its own
         // transaction (one UPDATE per batch, cheaper than a trigger per row).
         QStringLiteral("CREATE TABLE message_quota ("
                        " api_consumer_id INTEGER NOT NULL,"
                        " app_user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,"
                        " since_ms INTEGER NOT NULL,"
                        " used INTEGER NOT NULL,"
                        " PRIMARY KEY (api_consumer_id, app_user_id, since_ms))"),
         // Trigger syntax is SQLite's. Whatever path moves a row to or from 'cancelled'
         // (a cancelled batch, the dispatcher) gives its place back or takes it again.
         QStringLiteral("CREATE TRIGGER message_quota_status AFTER UPDATE OF status ON sent_messages"
                        " WHEN (old.status = 'cancelled') <> (new.status = 'cancelled') BEGIN"
                        " UPDATE message_quota SET used = used"
                        " + CASE WHEN new.status = 'cancelled' THEN -1 ELSE 1 END"
                        " WHERE api_consumer_id = old.api_consumer_id"
                        " AND app_user_id = old.app_user_id AND since_ms <= old.created_at;"
                        " END"),
         QStringLiteral("CREATE TRIGGER message_quota_delete AFTER DELETE ON sent_messages"
                        " WHEN old.status <> 'cancelled' BEGIN"
                        " UPDATE message_quota SET used = used - 1"
                        " WHERE api_consumer_id = old.api_consumer_id"
                        " AND app_user_id = old.app_user_id AND since_ms <= old.created_at;"
                        " END"),
         // Counters for the current period of every active subscription, from the rows (the
         // period as SubscriptionStore::active computes it; "now" is SQLite's). Any other
         // period is counted the first time a send asks for it (QuotaCounter::usedForUpdate).
         QStringLiteral("INSERT INTO message_quota (api_consumer_id, app_user_id, since_ms, used)"
                        " SELECT a.api_consumer_id, a.app_user_id, a.since_ms,"
                        " (SELECT COUNT(*) FROM sent_messages m"
                        "  WHERE m.api_consumer_id = a.api_consumer_id"
                        "  AND m.app_user_id = a.app_user_id AND m.created_at >= a.since_ms"
                        "  AND m.status <> 'cancelled')"
                        " FROM (SELECT u.api_consumer_id AS api_consumer_id,"
                        "  s.app_user_id AS app_user_id,"
                        "  s.starts_at + ((n.now - s.starts_at) / (MAX(p.period_days, 1) * 86400000))"
                        "  * (MAX(p.period_days, 1) * 86400000) AS since_ms"
                        "  FROM subscriptions s"
                        "  JOIN app_users u ON u.id = s.app_user_id"
                        "  JOIN plans p ON p.id = s.plan_id"
                        "  CROSS JOIN (SELECT CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS now) n"
                        "  WHERE s.id = (SELECT s2.id FROM subscriptions s2"
                        "   WHERE s2.app_user_id = s.app_user_id AND s2.status = 'active'"
                        "   AND s2.starts_at <= n.now AND s2.ends_at > n.now"
                        "   ORDER BY s2.ends_at DESC, s2.id DESC LIMIT 1)) a"),
     }},
    {3,
     "contact search by words, maintained with each write",
     {
         // The trigram index of migration 1 is replaced (issue #12): on realistic lists the
         // trigrams of common names are in most rows, so a full name took 1.7 s on 1,000,000
         // contacts, and indexing after the fact left new rows to a LIKE scan. SQLite only
         // (FTS5, as migration 1).
         QStringLiteral("DROP TRIGGER IF EXISTS contact_search_ad"),
         QStringLiteral("DROP TRIGGER IF EXISTS contact_search_au"),
         QStringLiteral("DROP TABLE IF EXISTS contact_search"),
         QStringLiteral("DROP TABLE IF EXISTS contact_search_state"),
         // One document per contact, computed by ContactSearchIndex (words of name, company
         // and e-mail normalised in C++; the phone's digits reversed; every token prefixed
         // with its user) and written by ContactStore in the transaction that writes the row.
         // Contentless (the text is derived, not a column of contact_lists); detail=column
         // keeps the column filters (words:, phone:) without storing positions; no column
         // sizes (no ranking). The ascii tokenizer only splits on the spaces
         // ContactSearchIndex put there.
         QStringLiteral("CREATE VIRTUAL TABLE contact_words USING fts5("
                        " words, phone,"
                        " content='', detail='column', columnsize=0, tokenize='ascii')"),
         // The distinct word terms of contact_words (never the phones): a search word that
         // starts only a few terms is looked up as those exact terms (ContactSearchIndex).
         // Terms are only added; one whose contacts all went matches nothing.
         QStringLiteral("CREATE TABLE contact_search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID"),
     },
     [](QSqlDatabase &db) { ContactSearchIndex::indexAll(db); }},
    // Issue #14: what customers send (InboundStore, docs/inbound.md) and opt-out
    // (OptOutService).
    {4,
     "received messages and opt-out",
     {
         // One row per message a customer sent to a number. UNIQUE (number_id, wa_message_id)
         // is what makes recording exactly once: a re-emitted message, a reload or the
         // catch-up's overlap is an INSERT OR IGNORE that changes nothing. No foreign key on
         // the user, number and contact: like sent_messages, the history outlives them.
         QStringLiteral("CREATE TABLE received_messages ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NOT NULL,"
                        " number_id INTEGER NOT NULL,"
                        " contact_id INTEGER,"
                        " from_phone TEXT,"
                        " from_lid TEXT,"
                        " chat_wid TEXT,"
                        " type TEXT NOT NULL,"
                        " body TEXT,"
                        " caption TEXT,"
                        " mimetype TEXT,"
                        " filename TEXT,"
                        " size INTEGER,"
                        " location_json TEXT,"
                        " vcards_json TEXT,"
                        " quoted_message_id INTEGER,"      // our sent_messages.id
                        " quoted_wa_message_id TEXT,"
                        " wa_message_id TEXT NOT NULL,"
                        " reaction_target_wa_id TEXT,"     // reaction: reacted to; revoked: revoked
                        " revoked_at INTEGER,"
                        " read_at INTEGER,"
                        " received_at INTEGER NOT NULL,"
                        " recorded_at INTEGER NOT NULL,"
                        // The opt-out rule's verdict, stored with the message ("opt_out" |
                        // "opt_in", only for a contact's keyword) and applied after the commit;
                        // keyword_applied_at is set in the transaction that applies it. A
                        // crash in between leaves it unapplied: OptOutService::applyPending
                        // finishes it at the next start (docs/inbound.md).
                        " keyword TEXT,"
                        " keyword_applied_at INTEGER,"
                        " UNIQUE (number_id, wa_message_id))"),
         QStringLiteral("CREATE INDEX idx_received_keyword ON received_messages(id)"
                        " WHERE keyword IS NOT NULL AND keyword_applied_at IS NULL"),
         // GET /messages/inbound/:userId (newest first, optionally since a time).
         QStringLiteral("CREATE INDEX idx_received_owner ON received_messages(api_consumer_id, app_user_id, received_at)"),
         // A conversation and the chat list: one sender of one user.
         QStringLiteral("CREATE INDEX idx_received_sender ON received_messages(app_user_id, from_phone, received_at)"),
         QStringLiteral("CREATE INDEX idx_received_lid ON received_messages(app_user_id, from_lid, received_at)"
                        " WHERE from_lid IS NOT NULL"),
         // The catch-up's start (InboundStore::lastReceivedAtMs).
         QStringLiteral("CREATE INDEX idx_received_number ON received_messages(number_id, received_at)"),
         // The other side of a conversation, and the pending messages an opt-out cancels:
         // sent_messages of one user to one phone. Not an index by recipient: a batch's rows
         // go to a thousand places in it, and at 250,000 messages that tripled the insert of
         // POST /messages (P2: 21.6 → 75.7 ms per 1,000, docs/inbound.md). The owner index,
         // written in time order, carries the recipient instead: those reads filter it in the
         // index, without a table row per message.
         QStringLiteral("DROP INDEX idx_messages_owner"),
         QStringLiteral("CREATE INDEX idx_messages_owner ON sent_messages(api_consumer_id, app_user_id, created_at, status, recipient)"),
         QStringLiteral("ALTER TABLE contact_lists ADD COLUMN opted_out_at INTEGER"),
         QStringLiteral("ALTER TABLE contact_lists ADD COLUMN opt_out_source TEXT"),
         QStringLiteral("CREATE TABLE contact_opt_events ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NOT NULL,"
                        " contact_id INTEGER NOT NULL,"
                        " action TEXT NOT NULL,"  // opt_out | opt_in
                        " source TEXT NOT NULL,"  // keyword | operator | api | import
                        " reason TEXT,"
                        " received_message_id INTEGER,"
                        " at INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX idx_opt_events_contact ON contact_opt_events(api_consumer_id, contact_id, at)"),
     }},
    {5,
     "contact search: the contacts of each word, for exact totals",
     {
         // For each word term of contact_words and block of 4,096 contact ids, the ids of the
         // contacts whose document holds it (ContactTermIds): a bitmap of 512 bytes, or the
         // sorted 16-bit offsets of fewer than 256 ids. Counting two common words ANDed this
         // way is a popcount of a few hundred blocks, where FTS5 walks both postings lists.
         QStringLiteral("CREATE TABLE contact_term_ids (term TEXT NOT NULL, block INTEGER NOT "
                        "NULL, ids BLOB NOT NULL, PRIMARY KEY (term, block)) WITHOUT ROWID"),
     },
     [](QSqlDatabase &db) { ContactTermIds::rebuild(db); }},
    // Issue #15: webhooks (docs/webhooks.md). WebhookStore owns the endpoints, WebhookOutbox
    // stages events and deliveries in the producers' transactions, the deliverer works them.
    {6,
     "webhooks",
     {
         QStringLiteral("CREATE TABLE webhook_endpoints ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NULL,"            // NULL = every user of the vendor
                        " url TEXT NOT NULL,"
                        " events TEXT NOT NULL,"                // JSON array of type names, or ["*"]
                        " description TEXT NULL,"
                        " secret_enc TEXT NOT NULL,"            // Crypto::encrypt of "whsec_…"
                        " previous_secret_enc TEXT NULL,"       // signs too until it expires
                        " previous_secret_expires_at INTEGER NULL,"
                        " enabled INTEGER NOT NULL DEFAULT 1,"
                        " disabled_reason TEXT NULL,"
                        " disabled_at INTEGER NULL,"
                        " failing_since INTEGER NULL,"          // first failure of the streak
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX idx_webhook_endpoints_owner ON webhook_endpoints(api_consumer_id, enabled)"),
         // One row per event, whatever the number of endpoints: body is exactly what is POSTed.
         QStringLiteral("CREATE TABLE webhook_events ("
                        " id TEXT PRIMARY KEY,"                 // "msg_…": the webhook-id header
                        " api_consumer_id INTEGER NOT NULL,"
                        " app_user_id INTEGER NULL,"
                        " type TEXT NOT NULL,"
                        " body TEXT NOT NULL,"
                        " created_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX idx_webhook_events_created ON webhook_events(created_at)"),
         QStringLiteral("CREATE TABLE webhook_deliveries ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,"
                        " event_id TEXT NOT NULL,"
                        " api_consumer_id INTEGER NOT NULL,"
                        " status TEXT NOT NULL DEFAULT 'pending',"  // pending | succeeded | failed
                        " attempts INTEGER NOT NULL DEFAULT 0,"
                        " next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                        " last_status_code INTEGER NULL,"
                        " last_latency_ms INTEGER NULL,"
                        " last_response TEXT NULL,"             // first 1,024 bytes of the answer
                        " last_error TEXT NULL,"
                        " created_at INTEGER NOT NULL,"
                        " updated_at INTEGER NOT NULL,"
                        " delivered_at INTEGER NULL)"),
         QStringLiteral("CREATE INDEX idx_webhook_deliveries_queue ON webhook_deliveries(endpoint_id, status, id)"),
         QStringLiteral("CREATE INDEX idx_webhook_deliveries_log ON webhook_deliveries(api_consumer_id, endpoint_id, created_at)"),
         QStringLiteral("CREATE INDEX idx_webhook_deliveries_created ON webhook_deliveries(created_at)"),
         // The batches whose batch_completed event was emitted (WebhookOutbox::completeBatches):
         // once per batch, whichever transaction finishes its last message.
         QStringLiteral("CREATE TABLE batch_completions ("
                        " batch_id TEXT PRIMARY KEY,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " completed_at INTEGER NOT NULL)"),
     }},
    // Issue #16, "Check before sending" (docs/api.md "Number check"): WhatsApp's answers to
    // "is this phone on WhatsApp", kept per vendor (one vendor never reads what another asked),
    // and each contact's last known answer. NumberCheckStore writes both in one transaction.
    {7,
     "number checks",
     {
         QStringLiteral("CREATE TABLE number_checks ("
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " phone_number TEXT NOT NULL,"          // normalised digits
                        " registered INTEGER NOT NULL,"         // 1 on WhatsApp, 0 not
                        " checked_at INTEGER NOT NULL,"
                        " PRIMARY KEY (api_consumer_id, phone_number)) WITHOUT ROWID"),
         QStringLiteral("ALTER TABLE contact_lists ADD COLUMN whatsapp_status TEXT NOT NULL "
                        "DEFAULT 'unknown'"), // unknown | yes | no
         QStringLiteral("ALTER TABLE contact_lists ADD COLUMN whatsapp_checked_at INTEGER NULL"),
     }},
    // Campaigns (issue #16): a batch's own row, for what belongs to the batch rather than to
    // its messages (the send_at it was queued with, whether the operator paused it) and for
    // listing a user's batches without grouping every message they ever sent. Scheduled
    // messages wait as status 'scheduled' with next_attempt_at = send_at; the partial index
    // gives the dispatcher the earliest of them (its next wake) in one index read.
    {8,
     "batches (send_at, paused) and the scheduled-message index",
     {
         QStringLiteral("CREATE TABLE batches ("
                        " batch_id TEXT PRIMARY KEY,"
                        " api_consumer_id INTEGER NOT NULL REFERENCES api_consumer(id) ON DELETE CASCADE,"
                        " app_user_id INTEGER NOT NULL,"
                        " send_at INTEGER NULL,"   // epoch ms; NULL: sent as soon as queued
                        " paused_at INTEGER NULL," // NULL: not paused
                        " created_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX idx_batches_user ON batches(api_consumer_id, app_user_id, created_at)"),
         // The batches queued before this version (ids are random UUIDs, one vendor's each).
         QStringLiteral("INSERT OR IGNORE INTO batches (batch_id, api_consumer_id, app_user_id, created_at)"
                        " SELECT batch_id, api_consumer_id, MIN(app_user_id), MIN(created_at)"
                        " FROM sent_messages GROUP BY batch_id, api_consumer_id"),
         // SQLite uses a partial index only for a query whose WHERE names the same literal:
         // OutboxQueue's scheduled queries write 'scheduled' out, never bind it.
         QStringLiteral("CREATE INDEX idx_messages_scheduled ON sent_messages(next_attempt_at)"
                        " WHERE status = 'scheduled'"),
     }},
    // Issue #16: quiet hours per user, and the warm-up's count of messages each number handed
    // to WhatsApp per local day (SendWindowPolicy, DailySendCounter).
    {9,
     "quiet hours and warm-up counters",
     {
         // Minutes after local midnight; both NULL: no quiet hours.
         QStringLiteral("ALTER TABLE app_users ADD COLUMN quiet_hours_start INTEGER NULL"),
         QStringLiteral("ALTER TABLE app_users ADD COLUMN quiet_hours_end INTEGER NULL"),
         // day: "YYYY-MM-DD" in the numbers' time zone (warmup/time_zone); sent: the claims
         // made that day, counted in the claim's transaction.
         QStringLiteral("CREATE TABLE number_daily_sends ("
                        " number_id INTEGER NOT NULL REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,"
                        " day TEXT NOT NULL,"
                        " sent INTEGER NOT NULL DEFAULT 0,"
                        " PRIMARY KEY (number_id, day)) WITHOUT ROWID"),
     }},
    // Issue #16: rich messages (docs/api.md "Message types"). What a location, contact card,
    // reaction or quote needs beyond the text columns, as one JSON object per row: written in
    // the batch's insert transaction like the text, so it survives a crash the same way.
    {10,
     "rich messages: payload",
     {
         QStringLiteral("ALTER TABLE sent_messages ADD COLUMN payload TEXT"),
     }},
};

const QList<Migrations::Migration> &Migrations::all()
{
    return kMigrations;
}

int Migrations::latestVersion()
{
    return kMigrations.isEmpty() ? 0 : kMigrations.last().version;
}

int Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

void Migrations::migrate(QSqlDatabase &db)
{
    migrate(db, kMigrations);
}

void Migrations::migrate(QSqlDatabase &db, const QList<Migration> &migrations)
{
    const int current = currentVersion(db);
    const int latest = migrations.isEmpty() ? 0 : migrations.last().version;
    if (current > latest)
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("schema_too_new"),
                          QStringLiteral("The database %1 was written by a newer Wamator (schema "
                                         "version %2, this build knows up to %3). Upgrade "
                                         "Wamator or use another data directory.")
                              .arg(db.databaseName())
                              .arg(current)
                              .arg(latest));

    for (const Migration &m : migrations) {
        if (m.version <= current)
            continue;
        if (!db.transaction())
            throw DomainError::internal(QStringLiteral("cannot begin migration %1: %2")
                                            .arg(m.version)
                                            .arg(db.lastError().text()));
        QSqlQuery step(db);
        auto fail = [&](const QString &what) {
            const QString err = step.lastError().text();
            db.rollback();
            throw DomainError::internal(QStringLiteral("migration %1 (%2) failed at \"%3\": %4. "
                                                       "The database was left unchanged.")
                                            .arg(m.version)
                                            .arg(QString::fromUtf8(m.description), what.left(80), err));
        };
        // Inside the transaction, so a failed first migration leaves an empty file empty.
        const QStringList bookkeeping{
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"),
            QStringLiteral("DELETE FROM schema_version"),
        };
        for (const QString &sql : bookkeeping + m.statements) {
            if (!step.exec(sql))
                fail(sql);
        }
        if (m.afterStatements) {
            try {
                m.afterStatements(db);
            } catch (const DomainError &e) {
                db.rollback();
                throw DomainError::internal(
                    QStringLiteral("migration %1 (%2) failed: %3. The database was left unchanged.")
                        .arg(m.version)
                        .arg(QString::fromUtf8(m.description), e.message()));
            }
        }
        step.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
        step.addBindValue(m.version);
        if (!step.exec())
            fail(QStringLiteral("INSERT INTO schema_version"));
        if (!db.commit())
            fail(QStringLiteral("COMMIT"));
    }
}
