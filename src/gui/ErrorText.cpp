#include "ErrorText.h"

#include "DomainError.h"
#include "PlainMessageBox.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QMessageBox>

QString ErrorText::fieldName(const QString &f)
{
    if (f == QLatin1String("name"))
        return tr("Name");
    if (f == QLatin1String("email"))
        return tr("Email");
    if (f == QLatin1String("phone_number"))
        return tr("Phone number");
    if (f == QLatin1String("password"))
        return tr("Password");
    if (f == QLatin1String("company_name"))
        return tr("Company");
    if (f == QLatin1String("dob"))
        return tr("Date of birth");
    if (f == QLatin1String("anniversary_date"))
        return tr("Anniversary");
    if (f == QLatin1String("average_spend"))
        return tr("Average spend");
    if (f == QLatin1String("message"))
        return tr("Message");
    if (f == QLatin1String("file_url"))
        return tr("File URL");
    if (f == QLatin1String("contacts"))
        return tr("Recipients");
    if (f == QLatin1String("url"))
        return tr("URL");
    if (f == QLatin1String("events"))
        return tr("Events");
    if (f == QLatin1String("description"))
        return tr("Description");
    return f;
}

QString ErrorText::describe(const DomainError &e)
{
    const QString code = e.code();
    if (code == QLatin1String("email_taken"))
        return tr("This email address is already used.");
    if (code == QLatin1String("number_taken"))
        return tr("This phone number is already registered for this vendor.");
    if (code == QLatin1String("duplicate"))
        return tr("Another contact of this user already has this phone number.");
    if (code == QLatin1String("subscription_required"))
        return tr("This user has no active subscription. Give one on the Plans page first.");
    if (code == QLatin1String("plan_limit_reached"))
        return tr("The user's plan allows no more WhatsApp numbers.");
    if (code == QLatin1String("quota_exceeded")) {
        const int remaining = e.details().value(QStringLiteral("remaining")).toInt();
        return tr("The plan's message quota is exhausted (%n message(s) left in this period).",
                  nullptr, remaining);
    }
    if (code == QLatin1String("no_valid_recipients"))
        return tr("None of the recipients can be messaged (not in the contact list, opted out "
                  "or invalid).");
    if (code == QLatin1String("too_many_items"))
        return tr("Too many items at once.");
    if (code == QLatin1String("plan_in_use"))
        return tr("This plan is used by a subscription and cannot be deleted.");
    if (code == QLatin1String("already_connected"))
        return tr("This number is already connected.");
    if (code == QLatin1String("immutable_field"))
        return tr("The phone number of a registered number cannot be changed.");
    if (code == QLatin1String("not_found"))
        return tr("It no longer exists (it may have been deleted meanwhile).");
    if (code == QLatin1String("not_connected"))
        return tr("The number's WhatsApp session is not ready: connect it on the Sessions page "
                  "first.");
    if (code == QLatin1String("reason_required"))
        return tr("A reason is required to opt a contact back in.");
    if (code == QLatin1String("webhook_limit"))
        return tr("This vendor already has the most webhook endpoints allowed (10): delete one "
                  "first.");
    if (code == QLatin1String("invalid_url"))
        return tr("URL: an http:// or https:// address with a host is needed (%1).")
            .arg(e.message());
    if (code == QLatin1String("url_not_allowed"))
        return tr("URL: this address is not allowed (%1). Private and loopback addresses need "
                  "the setting webhooks/allow_private_addresses.")
            .arg(e.message());
    if (code == QLatin1String("unknown_event"))
        return tr("Events: %1").arg(e.message());
    if (code == QLatin1String("validation_failed")) {
        const QString field = e.details().value(QStringLiteral("field")).toString();
        if (!field.isEmpty())
            return tr("%1: %2").arg(fieldName(field), e.message());
    }
    return e.message();
}

void ErrorText::show(QWidget *parent, const QString &action, const DomainError &error)
{
    PlainMessageBox::warning(parent, action, describe(error));
}
