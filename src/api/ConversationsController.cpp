#include "ConversationsController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "InboundController.h"
#include "RequestValidator.h"
#include "Router.h"
#include "accounts/AppUserStore.h"
#include "contacts/PhoneNormalizer.h"
#include "inbound/InboundStore.h"
#include "platform/Clock.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace {
using Method = QHttpServerRequest::Method;

QJsonValue isoOrNull(qint64 ms)
{
    const QString iso = Clock::toIso(ms);
    return iso.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(iso);
}
} // namespace

ConversationsController::ConversationsController(CoreServices &core) : m_core(core) {}

void ConversationsController::registerRoutes(Router &router)
{
    router.add(
        Method::Get, QStringLiteral("/conversations/:userId/:phone"), Router::Access::Vendor,
        [this](ApiRequest &req) {
            const qint64 userId = req.idParam(QStringLiteral("userId"));
            m_core.users().requireUserOfVendor(req.vendorId, userId);
            // The customer: a phone in any form the normaliser accepts, or the "…@lid" of a
            // sender whose phone WhatsApp did not give.
            const QString raw = req.param(QStringLiteral("phone")).trimmed();
            static const QRegularExpression lid(QStringLiteral("^[0-9]{1,32}@lid$"));
            QString phone;
            if (lid.match(raw).hasMatch()) {
                phone = raw;
            } else if (const auto digits = m_core.phones().normalize(raw)) {
                phone = *digits;
            } else {
                throw DomainError::validation(QStringLiteral("phone"),
                                              QStringLiteral("phone must be a valid phone number "
                                                             "or a sender's …@lid"));
            }
            const QUrlQuery q = req.query();
            const qint64 beforeMs = InboundController::queryTimeMs(
                q.queryItemValue(QStringLiteral("before"), QUrl::FullyDecoded),
                QStringLiteral("before"));
            const int limit = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("limit")),
                                                         QStringLiteral("limit"), 50, 1, 500);
            const QList<InboundStore::TimelineEntry> entries =
                m_core.inbound().conversation(req.vendorId, userId, phone, beforeMs, limit);
            QJsonArray messages;
            for (const InboundStore::TimelineEntry &e : entries) {
                QJsonObject o;
                if (e.direction == QLatin1String("in")) {
                    o = e.in.toJson();
                    o.insert(QStringLiteral("read_at"), isoOrNull(e.in.readAtMs));
                    o.insert(QStringLiteral("revoked_at"), isoOrNull(e.in.revokedAtMs));
                } else {
                    o = ApiJson::message(e.out);
                }
                o.insert(QStringLiteral("direction"), e.direction);
                o.insert(QStringLiteral("at"), isoOrNull(e.atMs));
                messages.append(o);
            }
            // Oldest first; a full page may have older entries: ask again with before set to
            // the oldest one's time (epoch milliseconds, exact where the ISO time is not).
            const QJsonValue next = entries.size() == limit && !entries.isEmpty()
                                        ? QJsonValue(entries.first().atMs)
                                        : QJsonValue(QJsonValue::Null);
            return ApiResponse::json(QJsonObject{{QStringLiteral("phone"), phone},
                                                 {QStringLiteral("messages"), messages},
                                                 {QStringLiteral("next_before"), next}});
        });
}
