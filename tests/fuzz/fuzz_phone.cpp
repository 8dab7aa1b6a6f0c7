// R2: PhoneNormalizer::normalize on any text. Input: "RR|number" picks region RR, else the
// default NG. Properties: an answer is digits without '+' (bounded); our own output with a
// '+' normalises to itself, and without one it is never refused (header promise).
#include "FuzzInput.h"
#include "contacts/PhoneNormalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    static const PhoneNormalizer normalizer(QStringLiteral("NG"));

    QString region = QStringLiteral("NG");
    QByteArray raw = input;
    if (input.size() >= 3 && input.at(2) == '|') {
        region = QString::fromLatin1(input.left(2));
        raw = input.mid(3);
    }
    const QString text = QString::fromUtf8(raw);
    PhoneNormalizer::isValidRegion(region);
    const auto out = normalizer.normalize(text, region);
    normalizer.normalize(text);
    if (!out)
        return 0;
    // libphonenumber's metadata allows some national numbers longer than E.164's 15 digits
    // (NG toll-free "080001331327007" → "23480001331327007"): its own bound is 17 digits of
    // national number after a country code of up to 3.
    if (out->isEmpty() || out->size() > 20) {
        std::fprintf(stderr, "region %s: \"%s\" -> %s\n", qPrintable(region), qPrintable(text),
                     qPrintable(*out));
        fuzz::fail("normalised number is empty or longer than libphonenumber allows");
    }
    for (const QChar c : *out)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            fuzz::fail("normalised number has a character that is not a digit");
    normalizer.isMobile(*out);
    // E.164 with its '+' always reads back as itself.
    const auto plus = normalizer.normalize(QLatin1Char('+') + *out, region);
    if (!plus || *plus != *out) {
        std::fprintf(stderr, "region %s: \"%s\" -> %s -> +%s -> %s\n", qPrintable(region),
                     qPrintable(text), qPrintable(*out), qPrintable(*out),
                     plus ? qPrintable(*plus) : "(refused)");
        fuzz::fail("a normalised number with '+' does not normalise to itself");
    }
    // Digits alone are ambiguous (PhoneNormalizer.h): a valid national reading in the region
    // wins ("35234567", Luxembourg's +352 34567, is a Nigerian number in region NG). So the
    // digits read back as themselves or as a number of the region itself, never refused.
    const auto again = normalizer.normalize(*out, region);
    if (!again) {
        std::fprintf(stderr, "region %s: \"%s\" -> %s -> (refused)\n", qPrintable(region),
                     qPrintable(text), qPrintable(*out));
        fuzz::fail("a normalised number is refused when it comes back without '+'");
    }
    return 0;
}
