#include "StatusText.h"

#include "Entities.h"

QString StatusText::sessionState(const QString &s)
{
    if (s == SessionState::Disconnected)
        return tr("Disconnected");
    if (s == SessionState::Starting)
        return tr("Starting");
    if (s == SessionState::QrPending)
        return tr("Waiting for QR scan");
    if (s == SessionState::Authenticated)
        return tr("Authenticated");
    if (s == SessionState::Ready)
        return tr("Ready");
    if (s == SessionState::Failed)
        return tr("Failed");
    return s;
}

QColor StatusText::sessionColor(const QString &s)
{
    if (s == SessionState::Ready)
        return QColor(0x1e, 0x8e, 0x3e);
    if (s == SessionState::QrPending)
        return QColor(0xd9, 0x82, 0x0b);
    if (s == SessionState::Starting || s == SessionState::Authenticated)
        return QColor(0x1a, 0x73, 0xe8);
    if (s == SessionState::Failed)
        return QColor(0xc5, 0x22, 0x1f);
    return QColor(0x80, 0x86, 0x8b);
}

namespace {
QString reasonCode(const QString &reason)
{
    return reason.section(QLatin1Char(':'), 0, 0).trimmed();
}
} // namespace

QString StatusText::sessionReason(const QString &reason)
{
    if (reason.isEmpty())
        return QString();
    const QString r = reasonCode(reason);
    if (r == QLatin1String("timeout"))
        return tr("the QR code was not scanned in time");
    if (r == QLatin1String("adapter_outdated"))
        return tr("WhatsApp Web changed; the adapter needs an update");
    if (r == QLatin1String("engine_outdated"))
        return tr("WhatsApp Web refused this browser engine (too old)");
    if (r == QLatin1String("page_hung"))
        return tr("the WhatsApp Web page stopped responding");
    if (r == QLatin1String("renderer_crashed"))
        return tr("the page crashed");
    if (r == QLatin1String("logged_out"))
        return tr("logged out from the phone");
    return reason;
}

QString StatusText::sessionAdvice(const QString &reason)
{
    const QString r = reasonCode(reason);
    if (r == QLatin1String("engine_outdated"))
        return tr("Reloading with cleared caches did not help. Run Wamator on Debian 13 with "
                  "Qt WebEngine 6.10 (see the README); sandbox numbers are not affected.");
    if (r == QLatin1String("page_hung"))
        return tr("Reloading with cleared caches did not help. Connect again; if it keeps "
                  "hanging, run Wamator on Debian 13 with Qt WebEngine 6.10 (see the README).");
    if (r == QLatin1String("adapter_outdated"))
        return tr("Install an updated whatsapp-adapter.js in the adapter folder of the data "
                  "directory (see docs/sessions.md), then connect again.");
    if (r == QLatin1String("timeout") || r == QLatin1String("logged_out"))
        return tr("Connect again and scan the new QR code.");
    return QString();
}

QString StatusText::messageStatus(const QString &s)
{
    if (s == MessageStatus::Scheduled)
        return tr("Scheduled");
    if (s == MessageStatus::Pending)
        return tr("Pending");
    if (s == MessageStatus::Sending)
        return tr("Sending");
    if (s == MessageStatus::Sent)
        return tr("Sent");
    if (s == MessageStatus::Delivered)
        return tr("Delivered");
    if (s == MessageStatus::Read)
        return tr("Read");
    if (s == MessageStatus::Failed)
        return tr("Failed");
    if (s == MessageStatus::Expired)
        return tr("Expired");
    if (s == MessageStatus::Cancelled)
        return tr("Cancelled");
    return s;
}

QColor StatusText::messageColor(const QString &s)
{
    if (s == MessageStatus::Scheduled)
        return QColor(0xa1, 0x42, 0xf4);
    if (s == MessageStatus::Pending)
        return QColor(0x9a, 0xa0, 0xa6);
    if (s == MessageStatus::Sending)
        return QColor(0x8a, 0xb4, 0xf8);
    if (s == MessageStatus::Sent)
        return QColor(0x1a, 0x73, 0xe8);
    if (s == MessageStatus::Delivered)
        return QColor(0x34, 0xa8, 0x53);
    if (s == MessageStatus::Read)
        return QColor(0x0d, 0x65, 0x2d);
    if (s == MessageStatus::Failed)
        return QColor(0xd9, 0x30, 0x25);
    if (s == MessageStatus::Expired)
        return QColor(0xf2, 0x99, 0x00);
    return QColor(0x5f, 0x63, 0x68);
}

QString StatusText::rejectionReason(const QString &reason)
{
    if (reason == QLatin1String("opted_out"))
        return tr("opted out");
    if (reason == QLatin1String("not_in_contact_list"))
        return tr("not in the contact list");
    if (reason == QLatin1String("invalid_phone"))
        return tr("invalid phone number");
    if (reason == QLatin1String("message_too_long"))
        return tr("message too long for WhatsApp once filled in");
    return reason;
}

QString StatusText::inboundType(const QString &type)
{
    if (type == QLatin1String("text"))
        return tr("Text");
    if (type == QLatin1String("image"))
        return tr("Image");
    if (type == QLatin1String("video"))
        return tr("Video");
    if (type == QLatin1String("audio"))
        return tr("Audio");
    if (type == QLatin1String("voice"))
        return tr("Voice note");
    if (type == QLatin1String("document"))
        return tr("Document");
    if (type == QLatin1String("sticker"))
        return tr("Sticker");
    if (type == QLatin1String("location"))
        return tr("Location");
    if (type == QLatin1String("contact"))
        return tr("Contact card");
    if (type == QLatin1String("reaction"))
        return tr("Reaction");
    if (type == QLatin1String("revoked"))
        return tr("Deleted message");
    return type;
}

QString StatusText::optOutSource(const QString &source)
{
    if (source == QLatin1String("keyword"))
        return tr("keyword from the customer");
    if (source == QLatin1String("operator"))
        return tr("operator");
    if (source == QLatin1String("api"))
        return tr("REST API");
    if (source == QLatin1String("import"))
        return tr("import");
    return source;
}
