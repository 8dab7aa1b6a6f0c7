#include "InboundController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "InboundMediaCache.h"
#include "PendingAnswer.h"
#include "RequestValidator.h"
#include "Router.h"
#include "SessionManager.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "inbound/InboundStore.h"
#include "platform/Clock.h"

#include <QFile>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUrl>

namespace {

using Method = QHttpServerRequest::Method;
const QString kId = QStringLiteral("id");

// Types whose bytes WhatsApp keeps (InboundMessage::type).
bool hasMedia(const QString &type)
{
    static const QStringList media{QStringLiteral("image"),    QStringLiteral("video"),
                                   QStringLiteral("audio"),    QStringLiteral("voice"),
                                   QStringLiteral("document"), QStringLiteral("sticker")};
    return media.contains(type);
}

// A header value made of the customer's text: no control characters (no header splitting).
QByteArray headerSafe(const QString &text)
{
    QString out;
    for (const QChar c : text)
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f)
            out += c;
    return out.toUtf8();
}

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name> (RFC 6266).
QByteArray contentDisposition(const QString &name)
{
    QString ascii;
    for (const QChar c : name)
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') &&
                  c != QLatin1Char('\\'))
                     ? c
                     : QLatin1Char('_');
    return "attachment; filename=\"" + ascii.toLatin1() + "\"; filename*=UTF-8''" +
           QUrl::toPercentEncoding(name);
}

QString fileNameFor(const InboundMessage &m, const InboundMediaCache::Entry &e)
{
    // The name the customer's file had; else "<type>-<id>.<suffix of its type>".
    QString name = e.filename.isEmpty() ? m.filename : e.filename;
    name = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1).trimmed();
    if (!name.isEmpty())
        return name;
    const QMimeType mime =
        QMimeDatabase().mimeTypeForName(e.mimetype.section(QLatin1Char(';'), 0, 0).trimmed());
    const QString suffix = mime.isValid() ? mime.preferredSuffix() : QString();
    return QStringLiteral("%1-%2").arg(m.type).arg(m.id) +
           (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
}

ApiResponse mediaAnswer(const InboundMessage &m, const InboundMediaCache::Entry &e)
{
    QFile file(e.path);
    if (!file.open(QIODevice::ReadOnly))
        throw DomainError::internal(
            QStringLiteral("cannot read the media cache file %1").arg(e.path));
    const QByteArray type = headerSafe(e.mimetype.isEmpty() ? m.mimetype : e.mimetype);
    ApiResponse r = ApiResponse::text(
        200, file.readAll(), type.isEmpty() ? QByteArrayLiteral("application/octet-stream") : type);
    r.addHeader("Content-Disposition", contentDisposition(fileNameFor(m, e)));
    // The customer chose these bytes and their type: never run them as a page of this origin.
    r.addHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    return r;
}

DomainError tooLarge(qint64 size, qint64 limit)
{
    return DomainError(
        DomainError::Kind::Unprocessable, QStringLiteral("media_too_large"),
        QStringLiteral("the file has %1 bytes; media are kept up to %2 bytes").arg(size).arg(limit),
        QJsonObject{{QStringLiteral("size"), size}, {QStringLiteral("max_bytes"), limit}});
}

void requireReady(SessionManager &sessions, qint64 vendorId, qint64 numberId)
{
    if (sessions.snapshot(vendorId, numberId).state != SessionState::Ready)
        throw DomainError::conflict(QStringLiteral("not_connected"),
                                    QStringLiteral("the number that received this message has no "
                                                   "ready WhatsApp session"));
}

} // namespace

InboundController::InboundController(CoreServices &core, SessionManager &sessions)
    : m_core(core), m_sessions(sessions),
      m_cache(std::make_unique<InboundMediaCache>(core.dataDir() + QStringLiteral("/media")))
{
}

InboundController::~InboundController() = default;

qint64 InboundController::queryTimeMs(const QString &value, const QString &field)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return 0;
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,16}$"));
    if (digits.match(v).hasMatch())
        return v.toLongLong();
    const qint64 ms = Clock::fromIso(v);
    if (ms < 0)
        throw DomainError::validation(field,
                                      QStringLiteral("%1 must be an ISO-8601 time "
                                                     "(2026-11-24T10:00:00Z) or epoch milliseconds")
                                          .arg(field));
    return ms;
}

void InboundController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(
        Method::Get, QStringLiteral("/messages/inbound/:userId"), vendor, [this](ApiRequest &req) {
            const qint64 userId = req.idParam(QStringLiteral("userId"));
            m_core.users().requireUserOfVendor(req.vendorId, userId);
            const QUrlQuery q = req.query();
            InboundStore::ListQuery query;
            query.page = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("page")),
                                                    QStringLiteral("page"), 1, 1, 10000000);
            query.limit = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("limit")),
                                                     QStringLiteral("limit"), 50, 1, 500);
            query.sinceMs =
                queryTimeMs(q.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded),
                            QStringLiteral("since"));
            // contact: a sender's "…@lid", a phone in any form the normaliser accepts,
            // or one of the user's contact ids (digits that are no valid phone).
            const QString contact =
                q.queryItemValue(QStringLiteral("contact"), QUrl::FullyDecoded).trimmed();
            static const QRegularExpression lid(QStringLiteral("^[0-9]{1,32}@lid$"));
            static const QRegularExpression id(QStringLiteral("^[0-9]{1,15}$"));
            if (contact.isEmpty()) {
            } else if (lid.match(contact).hasMatch()) {
                query.phone = contact;
            } else if (const auto phone = m_core.phones().normalize(contact)) {
                query.phone = *phone;
            } else if (id.match(contact).hasMatch() && contact.toLongLong() > 0) {
                query.contactId = contact.toLongLong();
                if (!m_core.contacts().find(req.vendorId, userId, query.contactId))
                    throw DomainError(
                        DomainError::Kind::NotFound, QStringLiteral("not_found"),
                        QStringLiteral("contact not found"),
                        QJsonObject{{QStringLiteral("field"), QStringLiteral("contact")}});
            } else {
                throw DomainError::validation(
                    QStringLiteral("contact"),
                    QStringLiteral("contact must be a contact id, a phone number or a "
                                   "sender's …@lid"));
            }
            const InboundStore::ListPage page = m_core.inbound().list(req.vendorId, userId, query);
            QJsonArray messages;
            for (const InboundMessage &m : page.messages)
                messages.append(m.toJson());
            return ApiResponse::json(QJsonObject{{QStringLiteral("messages"), messages},
                                                 {QStringLiteral("page"), query.page},
                                                 {QStringLiteral("limit"), query.limit},
                                                 {QStringLiteral("total"), page.total}});
        });

    router.add(
        Method::Get, QStringLiteral("/messages/inbound/:id/media"), vendor,
        [this](ApiRequest &req) {
            const InboundMessage m = m_core.inbound().find(req.vendorId, req.idParam(kId));
            if (!hasMedia(m.type))
                throw DomainError(DomainError::Kind::NotFound, QStringLiteral("not_found"),
                                  QStringLiteral("message %1 is a %2 message: it has no media")
                                      .arg(m.id)
                                      .arg(m.type));
            if (const auto cached = m_cache->find(m.numberId, m.waMessageId))
                return mediaAnswer(m, *cached);
            // What the page announced: no download for a file that could not be kept.
            const qint64 announcedLimit = InboundMediaCache::limitFor(m.mimetype);
            if (m.size > announcedLimit)
                throw tooLarge(m.size, announcedLimit);
            requireReady(m_sessions, req.vendorId, m.numberId);
            const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
            InboundMediaCache *cache = m_cache.get();
            m_sessions.downloadIncomingMedia(
                m.numberId, m.waMessageId,
                [pending, cache, m](bool ok, const QJsonObject &result, const QString &error,
                                    const QString &message) {
                    if (!ok) {
                        pending->fail(PendingAnswer::sessionError(error, message));
                        return;
                    }
                    const QByteArray bytes = QByteArray::fromBase64(
                        result.value(QStringLiteral("data")).toString().toLatin1());
                    QString mimetype = result.value(QStringLiteral("mimetype")).toString();
                    if (mimetype.isEmpty())
                        mimetype = m.mimetype;
                    QString filename = result.value(QStringLiteral("filename")).toString();
                    if (filename.isEmpty())
                        filename = m.filename;
                    const qint64 limit = InboundMediaCache::limitFor(mimetype);
                    if (bytes.size() > limit) {
                        pending->fail(tooLarge(bytes.size(), limit));
                        return;
                    }
                    try {
                        const InboundMediaCache::Entry e =
                            cache->store(m.numberId, m.waMessageId, bytes, mimetype, filename);
                        pending->succeed([m, e] { return mediaAnswer(m, e); });
                    } catch (const DomainError &e) {
                        pending->fail(e);
                    }
                });
            return pending->answer();
        });

    router.add(
        Method::Post, QStringLiteral("/messages/inbound/:id/read"), vendor,
        [this](ApiRequest &req) {
            const qint64 vendorId = req.vendorId;
            const InboundMessage m = m_core.inbound().find(vendorId, req.idParam(kId));
            requireReady(m_sessions, vendorId, m.numberId);
            const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
            CoreServices *core = &m_core;
            m_sessions.sendSeen(
                m.numberId, m.chatWid,
                [pending, core, vendorId, id = m.id](bool ok, const QJsonObject &,
                                                     const QString &error, const QString &message) {
                    if (!ok) {
                        pending->fail(PendingAnswer::sessionError(error, message));
                        return;
                    }
                    // WhatsApp has the receipt: recorded when answering
                    // (the server's thread, where the database is).
                    pending->succeed([core, vendorId, id] {
                        const InboundMessage read = core->inbound().markRead(vendorId, id);
                        return ApiResponse::json(
                            QJsonObject{{QStringLiteral("message"), read.toJson()},
                                        {QStringLiteral("read_at"), Clock::toIso(read.readAtMs)}});
                    });
                });
            return pending->answer();
        });
}
