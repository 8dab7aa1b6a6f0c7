// R2: the JSON body validation path every controller uses. Bytes → QJsonDocument (as the
// server parses a body) → ContactJson (the contact codec) and every RequestValidator reader on
// every key of the object. Only DomainError may come out; anything else (another exception,
// a crash, UB, a leak) is a finding. Property: a contact that was read, written with toJson and
// read again gives the same JSON (the API answers what it stored).
#include "DomainError.h"
#include "FuzzInput.h"
#include "RequestValidator.h"
#include "contacts/ContactJson.h"

#include <QJsonDocument>

namespace {

template<typename F>
void tolerateDomainError(F &&f)
{
    try {
        f();
    } catch (const DomainError &e) {
        if (e.code().isEmpty())
            fuzz::fail("DomainError without a code");
    }
}

void contactCodec(const QJsonObject &o)
{
    tolerateDomainError([&] {
        QSet<QString> present;
        const Contact c = ContactJson::fromJson(o, &present);
        for (const QString &f : present)
            if (!ContactJson::fieldNames().contains(f))
                fuzz::fail("fromJson reported a field that is not writable");
        const QJsonObject once = ContactJson::toJson(c);
        const QJsonObject twice = ContactJson::toJson(ContactJson::fromJson(once, nullptr));
        if (once != twice)
            fuzz::fail("ContactJson round trip changed the contact");
    });
    tolerateDomainError([&] { ContactJson::fromJsonForAdd(o); });
}

void readers(const QJsonObject &o, const QString &field)
{
    using namespace RequestValidator;
    tolerateDomainError([&] {
        const QString s = requiredString(o, field, 64);
        if (s.isEmpty() || s.size() > 64)
            fuzz::fail("requiredString returned an empty or too long string");
    });
    tolerateDomainError([&] { optionalString(o, field); });
    tolerateDomainError([&] {
        if (requiredId(o, field) < 1)
            fuzz::fail("requiredId returned a non-positive id");
    });
    tolerateDomainError([&] {
        const auto id = optionalId(o, field);
        if (id && *id < 1)
            fuzz::fail("optionalId returned a non-positive id");
    });
    tolerateDomainError([&] { optionalBool(o, field); });
    tolerateDomainError([&] {
        const auto n = optionalInt(o, field, -5, 1000);
        if (n && (*n < -5 || *n > 1000))
            fuzz::fail("optionalInt out of its bounds");
    });
    tolerateDomainError([&] { requiredArray(o, field); });
    tolerateDomainError([&] { requiredEmail(o, field); });
    const QJsonValue v = o.value(field);
    if (v.isString()) {
        tolerateDomainError([&] {
            const int n = queryInt(v.toString(), field, 20, 1, 100);
            if (n < 1 || n > 100)
                fuzz::fail("queryInt out of its bounds");
        });
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);

    // Query strings are raw text too.
    tolerateDomainError([&] {
        RequestValidator::queryInt(QString::fromUtf8(input.left(256)), QStringLiteral("page"), 1, 1,
                                   1000000);
    });
    if (!doc.isObject()) {
        if (doc.isArray())
            for (const QJsonValue &v : doc.array())
                if (v.isObject())
                    contactCodec(v.toObject());
        return 0;
    }
    const QJsonObject o = doc.object();
    contactCodec(o);
    int n = 0;
    for (auto it = o.constBegin(); it != o.constEnd() && n < 32; ++it, ++n)
        readers(o, it.key());
    readers(o, QStringLiteral("missing"));
    return 0;
}
