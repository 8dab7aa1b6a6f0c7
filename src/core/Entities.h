#pragma once

// Plain value types for the aggregates the stores return. Times are epoch milliseconds (UTC),
// 0 = not set. Ids are database ids, 0 = not yet stored. JSON mapping lives in the API layer.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVariant>
#include <optional>

struct Vendor
{
    qint64 id = 0;
    QString name;
    QString email; // trimmed, lower-cased
    QString companyName;
    QString phoneNumber;
    qint64 createdAt = 0;
};

// A user's quiet hours (issue #16): no sends from start to end, local time of the recipient
// (SendWindowPolicy). Minutes after midnight; a window may wrap midnight (21:00–08:00).
struct QuietHours
{
    int startMinute = -1; // -1: off
    int endMinute = -1;
    bool isOn() const { return startMinute >= 0 && endMinute >= 0 && startMinute != endMinute; }
    bool operator==(const QuietHours &o) const
    {
        return startMinute == o.startMinute && endMinute == o.endMinute;
    }
};

struct AppUser
{
    qint64 id = 0;
    qint64 vendorId = 0;
    QString name;
    QString email;
    QString companyName;    // null QString → JSON null
    QString externalUserId; // null QString → JSON null
    QuietHours quietHours;  // off unless set
    qint64 createdAt = 0;
};

// WhatsApp session states (docs/sessions.md), as stored in whatsapp_numbers.state.
namespace SessionState {
inline const QString Disconnected = QStringLiteral("disconnected");
inline const QString Starting = QStringLiteral("starting");
inline const QString QrPending = QStringLiteral("qr_pending");
inline const QString Authenticated = QStringLiteral("authenticated");
inline const QString Ready = QStringLiteral("ready");
inline const QString Failed = QStringLiteral("failed");
} // namespace SessionState

struct WhatsAppNumber
{
    qint64 id = 0;
    qint64 vendorId = 0;
    qint64 appUserId = 0;
    QString phoneNumber; // normalised E.164 digits, no '+'
    QString label;       // null → JSON null
    bool sandbox = false;
    bool isActive = false; // 1 exactly while state == ready
    QString state = SessionState::Disconnected;
    QString stateReason; // null unless failed (timeout, adapter_outdated, …)
    QString sessionId;   // "{vendorId}-{userId}-{phoneDigits}"
    bool restoreOnStart = false; // was ready when the app last ran: restore without a QR
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct Plan
{
    qint64 id = 0;
    QString name;
    int maxPhoneNumbers = 0;
    int maxMessages = 0;
    // The quota period when none is given (POST /admin/plans, a new plan in the window); the
    // schema's DEFAULT (migration 1) says the same.
    static constexpr int kDefaultPeriodDays = 30;
    int periodDays = kDefaultPeriodDays;
    qint64 createdAt = 0;
};

struct Subscription
{
    qint64 id = 0;
    qint64 appUserId = 0;
    qint64 planId = 0;
    QString status = QStringLiteral("active"); // active | cancelled | expired | suspended
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Every field of api.md's Contact. Optional scalar fields are null QStrings when absent;
// array fields are JSON arrays, whatsapp_broadcast_preference a JSON object (or empty).
struct Contact
{
    qint64 id = 0;
    qint64 vendorId = 0;
    qint64 appUserId = 0;
    QString name;
    QString phoneNumber; // normalised
    QString email;
    QString companyName;
    QString gender;
    QString dob;              // ISO date as given (YYYY-MM-DD)
    QString ageGroup;
    QString languagePreference;
    QString timezone;
    QString nickname;
    QString customSalutation;
    QString partnerName;
    QString anniversaryDate;  // ISO date
    QJsonArray kidsNames;
    QJsonArray petsNames;
    QString jobTitle;
    QString industry;
    QJsonArray interests;
    QJsonArray preferredProducts;
    bool messageOptIn = true;
    QString customerTier;
    std::optional<double> averageSpend;
    QJsonObject whatsappBroadcastPreference;
    bool hasBroadcastPreference = false;
    QString notes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // Whether the phone is on WhatsApp, as last answered (NumberCheckStore): "unknown", "yes"
    // or "no", and when (0: never). Written by checks and sends, never by a contact edit.
    QString whatsappStatus = QStringLiteral("unknown");
    qint64 whatsappCheckedAt = 0;
};

namespace MessageStatus {
// Queued with a future send_at (POST /messages): waits until then, then becomes pending.
inline const QString Scheduled = QStringLiteral("scheduled");
inline const QString Pending = QStringLiteral("pending");
inline const QString Sending = QStringLiteral("sending");
inline const QString Sent = QStringLiteral("sent");
inline const QString Delivered = QStringLiteral("delivered");
inline const QString Read = QStringLiteral("read");
inline const QString Failed = QStringLiteral("failed");
inline const QString Expired = QStringLiteral("expired");
inline const QString Cancelled = QStringLiteral("cancelled");
// Order of the forward path; terminal states rank above everything so nothing leaves them.
int rank(const QString &status);
bool isTerminal(const QString &status);
const QStringList &all();
} // namespace MessageStatus

struct Message
{
    qint64 id = 0;
    QString batchId;
    qint64 vendorId = 0;
    qint64 appUserId = 0;
    qint64 fromNumberId = 0; // requested by the caller, 0 = any ready number of the user
    qint64 numberId = 0;     // the number that sends/sent it, 0 until claimed
    QString recipient;       // normalised digits
    QString message;         // rendered body (text) — may be empty for media-only
    QString messageType = QStringLiteral("text"); // text|image|video|audio|document|voice|
                                                  // location|contact|reaction (docs/api.md)
    QString mediaUrl;
    QString caption;
    QString templateId;
    QString status = MessageStatus::Pending;
    QString errorMessage;
    QString waMessageId;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    qint64 expiresAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 sentAt = 0;
    qint64 deliveredAt = 0;
    qint64 readAt = 0;
    // JSON object of the rich types (MessagePayload): location, vcards, reaction, quoted
    // message, voice. Null for plain text and media.
    QString payload;
};
